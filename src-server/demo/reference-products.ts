import type { ReferenceData } from '../../src-shared/rxdb/reference-data';
import type { ReferenceSeedRow } from './reference-seed-row';

const MONTH = { en: 'per month', zhCN: '每月' };
const EACH = { en: 'each', zhCN: '每台' };
const ONCE = { en: 'one-off', zhCN: '每次' };

type Product = [
  key: string,
  zhCN: string,
  en: string,
  price: number,
  unit: ReferenceData['product']['unit'],
  description?: [zhCN: string, en: string],
];

/** A regional operator's catalogue: broadband, TV, bundles, devices and installation. */
const PRODUCTS: readonly Product[] = [
  [
    'BB100',
    '光纤宽带 100M',
    'Fibre broadband 100 Mbps',
    59,
    MONTH,
    ['适合1–2人上网、高清视频', 'For 1–2 people: browsing and HD video'],
  ],
  [
    'BB300',
    '光纤宽带 300M',
    'Fibre broadband 300 Mbps',
    99,
    MONTH,
    ['家庭主流选择，含 Wi-Fi 光猫', 'The family favourite, Wi-Fi ONT included'],
  ],
  [
    'BB500',
    '光纤宽带 500M',
    'Fibre broadband 500 Mbps',
    129,
    MONTH,
    ['多人同时游戏、4K 视频', 'Several gamers and 4K streams at once'],
  ],
  [
    'BB1000',
    '千兆宽带 1000M',
    'Gigabit broadband 1000 Mbps',
    199,
    MONTH,
    ['千兆光猫与 Wi-Fi 6 路由器', 'Gigabit ONT and a Wi-Fi 6 router'],
  ],
  [
    'FTTR2000',
    'FTTR 全屋光纤 2000M',
    'FTTR whole-home fibre 2000 Mbps',
    299,
    MONTH,
    ['每个房间一个光纤节点', 'A fibre access point in every room'],
  ],
  [
    'BBSTU',
    '校园宽带 50M',
    'Campus broadband 50 Mbps',
    30,
    MONTH,
    ['凭学生证办理，按学期计费', 'With a student card, billed per term'],
  ],
  [
    'TVBASIC',
    '基础数字电视',
    'Basic digital TV',
    25,
    MONTH,
    ['80 个标清频道', '80 standard-definition channels'],
  ],
  [
    'TVHD',
    '高清互动电视',
    'HD interactive TV',
    45,
    MONTH,
    ['160 个频道，支持七天回看', '160 channels with seven-day catch-up'],
  ],
  [
    'TV4K',
    '4K 超高清电视',
    '4K ultra HD TV',
    68,
    MONTH,
    ['含 4K 机顶盒租用', '4K set-top box rental included'],
  ],
  [
    'TVSPORT',
    '体育频道包',
    'Sports channel pack',
    30,
    MONTH,
    ['足球、篮球赛事直播', 'Live football and basketball'],
  ],
  ['TVKIDS', '少儿频道包', 'Kids channel pack', 15, MONTH],
  ['TVMOVIE', '影视会员', 'Movies and series membership', 20, MONTH],
  [
    'FAMILY169',
    '家庭融合套餐（500M + 4K 电视）',
    'Family bundle (500 Mbps + 4K TV)',
    169,
    MONTH,
    ['两年合约，送 Wi-Fi 6 路由器', 'Two-year contract, Wi-Fi 6 router included'],
  ],
  ['IPFIX', '固定公网 IP', 'Static public IP address', 50, MONTH],
  ['RTWIFI6', 'Wi-Fi 6 路由器 AX3000', 'Wi-Fi 6 router AX3000', 299, EACH],
  ['RTMESH', 'Mesh 组网路由器（两只装）', 'Mesh router kit (two units)', 599, EACH],
  [
    'ONTGPON',
    'GPON 光猫',
    'GPON optical network terminal',
    180,
    EACH,
    ['销户时须归还', 'Must be returned when the account closes'],
  ],
  ['STB4K', '4K 机顶盒', '4K set-top box', 260, EACH],
  ['REMOTE', '机顶盒遥控器', 'Set-top box remote control', 35, EACH],
  [
    'INSTALL',
    '标准上门安装',
    'Standard home installation',
    100,
    ONCE,
    ['新装宽带首年免收', 'Free with a new broadband contract in its first year'],
  ],
  ['INSTFTTR', 'FTTR 全屋布线', 'FTTR in-home fibre wiring', 500, ONCE],
  [
    'MOVE',
    '移机服务',
    'Service relocation',
    80,
    ONCE,
    ['同城迁移宽带与电视', 'Moves broadband and TV within the city'],
  ],
];

export const PRODUCT_ROWS: ReferenceSeedRow[] = PRODUCTS.map(
  ([code, zhCN, en, price, unit, description], i) => ({
    kind: 'product',
    key: code,
    label: { en, zhCN },
    sortOrder: (i + 1) * 10,
    data: {
      code,
      price,
      ...(unit ? { unit } : {}),
      ...(description ? { description: { zhCN: description[0], en: description[1] } } : {}),
    } satisfies ReferenceData['product'],
  }),
);
