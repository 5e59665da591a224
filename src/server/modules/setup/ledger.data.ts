import type { OwnershipType } from '../../../shared/project.js';

/*
 * Vocabulary of the demo ledger (示例台账): 信阳's industries, the units that court them, invented
 * firms and project templates. Real enterprises come from reference/ (Fortune Global 500 2025,
 * SASAC central SOEs) by exact Chinese name, so a typo here fails the seed instead of inventing one.
 */

export type Theme = 'tea' | 'food' | 'down' | 'textile' | 'materials' | 'electronics' | 'equipment' | 'logistics' | 'tourism';

export const THEME_LABELS: Record<Theme, string> = {
  tea: '茶叶',
  food: '食品加工',
  down: '羽绒',
  textile: '纺织服装',
  materials: '新材料',
  electronics: '电子信息',
  equipment: '装备制造',
  logistics: '现代物流',
  tourism: '文旅康养',
};

/** GB/T 4754-2017 classes per theme (checked against the shipped table when projects are inserted). */
export const THEME_INDUSTRIES: Record<Theme, string[]> = {
  tea: ['1530', '0164', '1529'],
  food: ['1311', '1312', '1352', '1432', '1439', '1372'],
  down: ['1941', '1942'],
  textile: ['1711', '1819', '1829', '1761'],
  materials: ['3034', '3099', '1019', '3061'],
  electronics: ['3982', '3976', '3989', '3990'],
  equipment: ['3531', '3670', '3499', '3599'],
  logistics: ['5930', '5810', '5920', '5959'],
  tourism: ['7869', '8514', '6110', '7861'],
};

/** Project name templates; {n} is a capacity figure. */
export const PROJECT_TEMPLATES: Record<Theme, string[]> = {
  tea: ['年产{n}吨信阳毛尖精深加工项目', '高山生态茶园及茶旅综合体项目', '信阳红茶标准化生产线项目', '茶饮料及速溶茶粉生产项目', '茶叶仓储交易中心项目'],
  food: ['年产{n}万吨速冻米面制品项目', '稻米精深加工项目', '优质弱筋小麦深加工项目', '中央厨房及预制菜生产基地项目', '麻鸭屠宰及熟食加工项目', '休闲食品产业园项目', '食用菌精深加工项目'],
  down: ['年产{n}万件羽绒服装项目', '羽绒水洗分拣及绒子精加工项目', '羽绒家纺智能制造项目', '羽绒产业园标准化厂房项目'],
  textile: ['{n}万锭智能纺纱项目', '品牌服装生产基地项目', '针织面料织造印染一体化项目', '功能性户外服饰生产项目'],
  materials: ['年产{n}万立方米珍珠岩保温材料项目', '膨润土精深加工及有机膨润土项目', '沸石分子筛环保材料项目', '玻璃纤维增强复合材料项目', '非金属矿新型建材项目'],
  electronics: ['高端PCB电路板生产项目', '光电子器件及模组封装项目', '智能终端配套电子元件项目', '数据中心及算力服务项目', '新型显示模组项目'],
  equipment: ['智能输送装备制造项目', '农机装备生产基地项目', '新能源汽车零部件项目', '食品机械及包装设备项目', '茶叶加工机械项目'],
  logistics: ['冷链物流园项目', '淮河港区多式联运物流园项目', '电商仓储分拨中心项目', '农产品供应链集配中心项目'],
  tourism: ['大别山红色旅游综合开发项目', '温泉康养度假区项目', '茶旅融合特色小镇项目', '森林康养基地项目', '医养结合养老服务中心项目'],
};

export interface DemoUnitPlan {
  /** Unit name as created by demo.seed.ts. */
  unit: string;
  /** Existing demo user who owns its projects, or a new one created by the ledger seed. */
  owner: { username: string; displayName: string };
  projects: number;
  themes: Theme[];
  carriers: string[];
  /** How the unit is named in project names and texts. */
  short: string;
}

/** The 10 counties/districts and 3 zones, with what each courts (信阳's industrial layout). */
export const UNIT_PLANS: DemoUnitPlan[] = [
  { unit: '固始县', short: '固始县', owner: { username: 'demo.gushi', displayName: '' }, projects: 32, themes: ['down', 'food', 'equipment'], carriers: ['固始县产业集聚区标准化厂房', '固始县羽绒产业园', '固始县食品产业园'] },
  { unit: '蓼城街道', short: '固始县', owner: { username: 'demo.liaocheng', displayName: '' }, projects: 8, themes: ['food', 'tourism'], carriers: ['蓼城街道商贸物流园'] },
  { unit: '平桥区', short: '平桥区', owner: { username: 'demo.pingqiao', displayName: '' }, projects: 30, themes: ['food', 'equipment', 'logistics'], carriers: ['平桥区产业集聚区', '明港镇先进制造产业园', '平桥区冷链物流园'] },
  { unit: '信阳高新技术产业开发区', short: '高新区', owner: { username: 'demo.gxq', displayName: '' }, projects: 30, themes: ['electronics', 'equipment', 'materials'], carriers: ['高新区电子信息产业园', '高新区标准化厂房三期', '高新区创业孵化园'] },
  { unit: '潢川县', short: '潢川县', owner: { username: 'demo.huangchuan', displayName: '示例·潢川县招商员' }, projects: 25, themes: ['down', 'food', 'logistics'], carriers: ['潢川县经济技术开发区', '潢川县羽绒产业园'] },
  { unit: '光山县', short: '光山县', owner: { username: 'demo.guangshan', displayName: '示例·光山县招商员' }, projects: 22, themes: ['down', 'textile', 'tea'], carriers: ['光山县产业集聚区', '光山县羽绒服装创业园'] },
  { unit: '商城县', short: '商城县', owner: { username: 'demo.shangcheng', displayName: '示例·商城县招商员' }, projects: 20, themes: ['tea', 'tourism', 'food'], carriers: ['商城县产业集聚区', '汤泉池康养旅游区'] },
  { unit: '罗山县', short: '罗山县', owner: { username: 'demo.luoshan', displayName: '示例·罗山县招商员' }, projects: 20, themes: ['tea', 'electronics', 'food'], carriers: ['罗山县产业集聚区', '灵山茶产业园'] },
  { unit: '息县', short: '息县', owner: { username: 'demo.xixian', displayName: '示例·息县招商员' }, projects: 20, themes: ['food', 'textile'], carriers: ['息县产业集聚区', '息县粮食产业园'] },
  { unit: '淮滨县', short: '淮滨县', owner: { username: 'demo.huaibin', displayName: '示例·淮滨县招商员' }, projects: 20, themes: ['textile', 'logistics', 'food'], carriers: ['淮滨县纺织服装产业园', '淮滨港区物流园'] },
  { unit: '浉河区', short: '浉河区', owner: { username: 'demo.shihe', displayName: '示例·浉河区招商员' }, projects: 20, themes: ['tea', 'tourism'], carriers: ['浉河区茶产业园', '南湾湖文旅片区'] },
  { unit: '新县', short: '新县', owner: { username: 'demo.xinxian', displayName: '示例·新县招商员' }, projects: 18, themes: ['tourism', 'tea'], carriers: ['新县大别山文旅片区', '新县产业集聚区'] },
  { unit: '上天梯非金属矿管理区', short: '上天梯', owner: { username: 'demo.shangtianti', displayName: '示例·上天梯管理区招商员' }, projects: 18, themes: ['materials'], carriers: ['上天梯非金属矿新材料产业园'] },
  { unit: '羊山新区', short: '羊山新区', owner: { username: 'demo.yangshan', displayName: '示例·羊山新区招商员' }, projects: 17, themes: ['electronics', 'logistics', 'tourism'], carriers: ['羊山新区总部经济楼宇', '羊山新区数字经济产业园'] },
];

export interface InventedFirm {
  name: string;
  theme: Theme;
  province: string;
  city: string;
}

/** Invented firms (示例数据): plausible names for 信阳's industries; any likeness to a real firm is chance. */
export const INVENTED_FIRMS: InventedFirm[] = [
  ...(
    [
      ['信阳豫茗茶业有限公司', '河南省', '信阳市'],
      ['商城县云岭茶叶有限公司', '河南省', '信阳市'],
      ['光山县淮茗茶业有限公司', '河南省', '信阳市'],
      ['新县大别山红茶发展有限公司', '河南省', '信阳市'],
      ['罗山县灵茗茶叶有限公司', '河南省', '信阳市'],
      ['杭州茗川茶饮科技有限公司', '浙江省', '杭州市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'tea' as const })),
  ...(
    [
      ['固始县豫丰食品有限公司', '河南省', '信阳市'],
      ['潢川县淮源食品有限公司', '河南省', '信阳市'],
      ['息县稻香米业有限公司', '河南省', '信阳市'],
      ['淮滨县淮润粮油有限公司', '河南省', '信阳市'],
      ['郑州嘉禾速冻食品有限公司', '河南省', '郑州市'],
      ['武汉楚味休闲食品有限公司', '湖北省', '武汉市'],
      ['上海鲜达冷链食品有限公司', '上海市', '上海市'],
      ['光山县羽禾麻鸭食品有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'food' as const })),
  ...(
    [
      ['固始县鸿羽羽绒制品有限公司', '河南省', '信阳市'],
      ['潢川县恒暖羽绒有限公司', '河南省', '信阳市'],
      ['上海羽臻服饰有限公司', '上海市', '上海市'],
      ['苏州暖冬羽绒科技有限公司', '江苏省', '苏州市'],
      ['杭州云绒家纺有限公司', '浙江省', '杭州市'],
      ['固始县白鹅羽绒加工有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'down' as const })),
  ...(
    [
      ['光山县锦程服饰有限公司', '河南省', '信阳市'],
      ['息县华纺纺织有限公司', '河南省', '信阳市'],
      ['深圳衣尚服装有限公司', '广东省', '深圳市'],
      ['广州锦绣童装有限公司', '广东省', '广州市'],
      ['淮滨县淮纺新材料有限公司', '河南省', '信阳市'],
      ['罗山县恒织纺织有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'textile' as const })),
  ...(
    [
      ['信阳天梯珍珠岩新材料有限公司', '河南省', '信阳市'],
      ['河南豫膨膨润土科技有限公司', '河南省', '信阳市'],
      ['信阳晶石新材料有限公司', '河南省', '信阳市'],
      ['郑州矿研非金属材料有限公司', '河南省', '郑州市'],
      ['上海保隔节能材料有限公司', '上海市', '上海市'],
      ['信阳沸石环保材料有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'materials' as const })),
  ...(
    [
      ['深圳华芯微电子有限公司', '广东省', '深圳市'],
      ['信阳光联电子科技有限公司', '河南省', '信阳市'],
      ['东莞智联电路板有限公司', '广东省', '东莞市'],
      ['苏州汇联精密电子有限公司', '江苏省', '苏州市'],
      ['合肥晶显光电科技有限公司', '安徽省', '合肥市'],
      ['信阳数智云科技有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'electronics' as const })),
  ...(
    [
      ['信阳申源智能装备有限公司', '河南省', '信阳市'],
      ['郑州中原重工机械有限公司', '河南省', '郑州市'],
      ['武汉楚天输送设备有限公司', '湖北省', '武汉市'],
      ['潢川县丰耘农机装备有限公司', '河南省', '信阳市'],
      ['无锡精工汽车零部件有限公司', '江苏省', '无锡市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'equipment' as const })),
  ...(
    [
      ['信阳豫南冷链物流有限公司', '河南省', '信阳市'],
      ['淮滨县淮河港口物流有限公司', '河南省', '信阳市'],
      ['郑州陆港供应链管理有限公司', '河南省', '郑州市'],
      ['上海申豫国际货运代理有限公司', '上海市', '上海市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'logistics' as const })),
  ...(
    [
      ['新县大别山红色文旅发展有限公司', '河南省', '信阳市'],
      ['商城县汤泉康养有限公司', '河南省', '信阳市'],
      ['信阳湖光文旅开发有限公司', '河南省', '信阳市'],
      ['北京颐年康养产业有限公司', '北京市', '北京市'],
      ['信阳茶旅小镇运营管理有限公司', '河南省', '信阳市'],
    ] as const
  ).map(([name, province, city]) => ({ name, province, city, theme: 'tourism' as const })),
];

export interface RealFirm {
  /** Exact Chinese name in reference/fortune-global-500-2025.csv or reference/sasac-central-soes.csv. */
  name: string;
  theme: Theme;
  /** GB/T 4754 division of its main business (an editorial choice for the demo). */
  industryCode: string;
  ownershipType: OwnershipType;
}

/** Real enterprises used as demo investors; the projects and contacts attached to them are invented. */
export const REAL_FIRMS: RealFirm[] = [
  { name: '中粮集团有限公司', theme: 'food', industryCode: '13', ownershipType: 'central_soe' },
  { name: '中国建材集团有限公司', theme: 'materials', industryCode: '30', ownershipType: 'central_soe' },
  { name: '国家电网有限公司', theme: 'equipment', industryCode: '44', ownershipType: 'central_soe' },
  { name: '中国中车集团有限公司', theme: 'equipment', industryCode: '37', ownershipType: 'central_soe' },
  { name: '中国电子信息产业集团有限公司', theme: 'electronics', industryCode: '39', ownershipType: 'central_soe' },
  { name: '国家电力投资集团有限公司', theme: 'equipment', industryCode: '44', ownershipType: 'central_soe' },
  { name: '中国建筑集团有限公司', theme: 'logistics', industryCode: '47', ownershipType: 'central_soe' },
  { name: '中国医药集团有限公司', theme: 'tourism', industryCode: '27', ownershipType: 'central_soe' },
  { name: '中国机械工业集团有限公司', theme: 'equipment', industryCode: '34', ownershipType: 'central_soe' },
  { name: '中国远洋海运集团有限公司', theme: 'logistics', industryCode: '55', ownershipType: 'central_soe' },
  { name: '中国五矿集团有限公司', theme: 'materials', industryCode: '32', ownershipType: 'central_soe' },
  { name: '中国物流集团有限公司', theme: 'logistics', industryCode: '58', ownershipType: 'central_soe' },
  { name: '中国节能环保集团有限公司', theme: 'materials', industryCode: '77', ownershipType: 'central_soe' },
  { name: '中国农业发展集团有限公司', theme: 'food', industryCode: '05', ownershipType: 'central_soe' },
  { name: '中国林业集团有限公司', theme: 'tourism', industryCode: '02', ownershipType: 'central_soe' },
  { name: '华侨城集团有限公司', theme: 'tourism', industryCode: '78', ownershipType: 'central_soe' },
  { name: '新希望控股集团有限公司', theme: 'food', industryCode: '13', ownershipType: 'private' },
  { name: '美的集团股份有限公司', theme: 'electronics', industryCode: '38', ownershipType: 'listed' },
  { name: '海尔智家股份有限公司', theme: 'electronics', industryCode: '38', ownershipType: 'listed' },
  { name: '比亚迪股份有限公司', theme: 'equipment', industryCode: '36', ownershipType: 'listed' },
  { name: '立讯精密工业股份有限公司', theme: 'electronics', industryCode: '39', ownershipType: 'listed' },
  { name: '宁德时代新能源科技股份有限公司', theme: 'equipment', industryCode: '38', ownershipType: 'listed' },
  { name: '顺丰控股股份有限公司', theme: 'logistics', industryCode: '60', ownershipType: 'listed' },
  { name: '京东集团股份有限公司', theme: 'logistics', industryCode: '52', ownershipType: 'listed' },
  { name: '恒力集团有限公司', theme: 'textile', industryCode: '17', ownershipType: 'private' },
  { name: '山东魏桥创业集团有限公司', theme: 'textile', industryCode: '17', ownershipType: 'private' },
  { name: '通威集团有限公司', theme: 'food', industryCode: '13', ownershipType: 'private' },
  { name: '雀巢公司', theme: 'food', industryCode: '14', ownershipType: 'foreign' },
  { name: '百事公司', theme: 'food', industryCode: '14', ownershipType: 'foreign' },
  { name: '丰益国际', theme: 'food', industryCode: '13', ownershipType: 'foreign' },
  { name: '西门子', theme: 'equipment', industryCode: '34', ownershipType: 'foreign' },
];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧'];
export const GIVEN_NAMES = ['建国', '志强', '海燕', '立新', '明辉', '晓东', '丽华', '文军', '春梅', '国庆', '俊杰', '红霞', '永胜', '玉兰', '德明', '秀英', '宏伟', '卫东', '新华', '静', '磊', '勇', '敏', '涛', '洁'];
export const CONTACT_TITLES = ['董事长', '总经理', '副总经理', '投资总监', '项目经理', '战略发展部部长'];

export const LOST_DESTINATIONS = ['安徽省六安市', '湖北省孝感市', '安徽省合肥市', '河南省驻马店市', '湖北省随州市'];
