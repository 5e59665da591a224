import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title line of a page: title on the left, actions on the right, wrapping on phones. */
export function PageHeader({ title, extra, description }: { title: ReactNode; extra?: ReactNode; description?: ReactNode }) {
  return (
    <div className="zs-page-header">
      <div className="zs-page-header-text">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      {extra && <div className="zs-page-header-extra">{extra}</div>}
    </div>
  );
}
