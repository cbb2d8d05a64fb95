import type { VipTier } from '../../src-shared/domain/customer';
import type {
  InteractionChannel,
  WorkOrderPriority,
  WorkOrderStatus,
  WorkOrderType,
} from '../db/enums';

/** Weighted choices: weight first, so that tables read like a distribution. */
export type Weighted<T> = readonly { weight: number; value: T }[];

export const STREETS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '和平路',
  '新华路',
  '长江路',
  '黄河路',
  '文化路',
  '胜利路',
  '青年路',
  '友谊路',
  '学院路',
  '科技路',
  '滨江路',
  '东风路',
  '光明路',
  '幸福路',
  '朝阳路',
  '振兴路',
] as const;

// Prefixes in service with the three operators; every one is a valid mobile range.
export const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
] as const;

export const EMAIL_DOMAINS: Weighted<string> = [
  { weight: 30, value: 'qq.com' },
  { weight: 25, value: '163.com' },
  { weight: 10, value: '126.com' },
  { weight: 8, value: 'sina.com' },
  { weight: 8, value: 'outlook.com' },
  { weight: 7, value: 'gmail.com' },
  { weight: 5, value: 'foxmail.com' },
];

/** Most customers are ordinary; a few are platinum. */
export const VIP_WEIGHTS: Weighted<VipTier> = [
  { weight: 820, value: 'none' },
  { weight: 120, value: 'silver' },
  { weight: 45, value: 'gold' },
  { weight: 15, value: 'platinum' },
];

/** Tag slugs; the client translates them. */
export const TAGS = [
  'broadband',
  'iptv',
  'landline',
  'mobile-plan',
  'business',
  'senior',
  'complaint-sensitive',
  'prepaid',
  'postpaid',
  'onsite-priority',
  'new-customer',
  'high-value',
] as const;

export const WORK_ORDER_TYPE_WEIGHTS: Weighted<WorkOrderType> = [
  { weight: 30, value: 'repair' },
  { weight: 18, value: 'complaint' },
  { weight: 15, value: 'service_request' },
  { weight: 12, value: 'appointment' },
  { weight: 12, value: 'inquiry' },
  { weight: 8, value: 'emergency_repair' },
  { weight: 5, value: 'suggestion' },
];

export const WORK_ORDER_STATUS_WEIGHTS: Weighted<WorkOrderStatus> = [
  { weight: 8, value: 'new' },
  { weight: 8, value: 'assigned' },
  { weight: 6, value: 'accepted' },
  { weight: 4, value: 'en_route' },
  { weight: 4, value: 'on_site' },
  { weight: 5, value: 'waiting_parts' },
  { weight: 15, value: 'resolved' },
  { weight: 40, value: 'closed' },
  { weight: 6, value: 'cancelled' },
  { weight: 4, value: 'could_not_complete' },
];

export const PRIORITY_WEIGHTS: Weighted<WorkOrderPriority> = [
  { weight: 5, value: 5 },
  { weight: 10, value: 4 },
  { weight: 60, value: 3 },
  { weight: 20, value: 2 },
  { weight: 5, value: 1 },
];

export const CHANNEL_WEIGHTS: Weighted<InteractionChannel> = [
  { weight: 60, value: 'voice' },
  { weight: 12, value: 'email' },
  { weight: 12, value: 'chat' },
  { weight: 8, value: 'sms' },
  { weight: 8, value: 'callback' },
];

export const QUEUES = ['general', 'billing', 'technical', 'sales'] as const;
export const VIP_QUEUE = 'vip';

export const DISPOSITIONS = [
  'resolved',
  'information_given',
  'follow_up',
  'escalated',
  'wrong_number',
] as const;

export const DESCRIPTIONS: Record<WorkOrderType, readonly string[]> = {
  complaint: [
    '客户投诉宽带频繁掉线，要求尽快处理。',
    '客户对上次维修结果不满意，要求回访。',
    '账单金额有异议，客户要求核实。',
  ],
  repair: [
    '光猫指示灯异常，无法上网。',
    '电视机顶盒无信号，需上门检修。',
    '固定电话有杂音，需检查线路。',
  ],
  emergency_repair: [
    '整栋楼宽带中断，影响多户。',
    '线路被施工挖断，需紧急抢修。',
    '企业专线中断，客户要求两小时内到场。',
  ],
  service_request: ['客户申请移机到新地址。', '客户申请升级至千兆宽带。', '客户申请加装IPTV。'],
  appointment: ['预约上门安装宽带。', '预约上门更换路由器。', '预约上门调试网络。'],
  inquiry: ['客户咨询套餐资费。', '客户询问维修进度。', '客户咨询宽带提速方案。'],
  suggestion: [
    '客户建议延长客服热线服务时间。',
    '客户建议增加微信报修渠道。',
    '客户建议短信提前通知上门时间。',
  ],
};

export const INTERACTION_NOTES = [
  '已核实客户身份。',
  '已向客户解释处理流程。',
  '客户表示满意。',
  '需要二次回访。',
  '已发送短信确认。',
  '客户要求尽快处理。',
] as const;
