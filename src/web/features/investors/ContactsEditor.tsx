import { Button, Col, Form, Input, Row } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { maxCharsRule } from '../../api/zod-rule';

const PHONE = /^[0-9+\-() ]{5,20}$/;
const MAX_CONTACTS = 20;

/** 联系人: name, title, phone, WeChat, email — one compact row each, inside the investor form. */
export function ContactsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }, index) => (
            <Row key={key} gutter={8} align="top" className="zs-contact-row" aria-label={t('investors.contactN', { n: index + 1 })}>
              <Col xs={12} md={4}>
                <Form.Item
                  name={[name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('investors.contactNameRequired') }, maxCharsRule(40, t('common.maxChars', { max: 40 }))]}
                >
                  <Input placeholder={t('investors.contactName')} aria-label={t('investors.contactName')} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={[name, 'title']} rules={[maxCharsRule(60, t('common.maxChars', { max: 60 }))]}>
                  <Input placeholder={t('investors.contactTitle')} aria-label={t('investors.contactTitle')} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={12} md={5}>
                <Form.Item name={[name, 'phone']} rules={[{ pattern: PHONE, message: t('users.phoneRule') }]}>
                  <Input placeholder={t('investors.contactPhone')} aria-label={t('investors.contactPhone')} inputMode="tel" autoComplete="off" maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={[name, 'wechat']} rules={[maxCharsRule(60, t('common.maxChars', { max: 60 }))]}>
                  <Input placeholder={t('investors.contactWechat')} aria-label={t('investors.contactWechat')} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={20} md={6}>
                <Form.Item name={[name, 'email']} rules={[{ type: 'email', message: t('users.emailRule') }, { max: 120 }]}>
                  <Input placeholder={t('investors.contactEmail')} aria-label={t('investors.contactEmail')} inputMode="email" autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={4} md={1}>
                {/* The note is not edited here but must survive a save (contacts are replaced as a whole). */}
                <Form.Item name={[name, 'note']} hidden>
                  <Input />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('investors.removeContact')} onClick={() => remove(name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= MAX_CONTACTS} style={{ marginBottom: 16 }}>
            {t('investors.addContact')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
