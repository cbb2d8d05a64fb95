import { DISPOSITIONS, NOT_READY_REASONS } from '../../src-shared/domain/codes';
import { WORK_ORDER_TYPES } from '../../src-shared/domain/work-order';
import type { ReferenceData } from '../../src-shared/rxdb/reference-data';
import { PRODUCT_ROWS } from './reference-products';
import type { ReferenceSeedRow } from './reference-seed-row';

export type { ReferenceSeedRow };

type Bilingual = { en: string; zhCN: string };
const zh = (zhCN: string, en: string): Bilingual => ({ zhCN, en });

function rows<K extends ReferenceSeedRow['kind']>(
  kind: K,
  entries: readonly [key: string, label: Bilingual, data: ReferenceData[K]][],
): ReferenceSeedRow[] {
  return entries.map(([key, label, data], i) => ({
    kind,
    key,
    label,
    sortOrder: (i + 1) * 10,
    data,
  }));
}

const QUEUES = rows('queue', [
  ['general', zh('综合咨询', 'General enquiries'), { backOffice: false }],
  ['technical', zh('技术支持', 'Technical support'), { backOffice: false }],
  ['sales', zh('业务办理', 'Sales and orders'), { backOffice: false }],
  ['vip', zh('VIP 专席', 'VIP desk'), { backOffice: false }],
  ['billing', zh('账务处理', 'Billing'), { backOffice: true }],
  ['complaints_desk', zh('投诉处理台', 'Complaints desk'), { backOffice: true }],
  ['installations_planning', zh('装机排程', 'Installations planning'), { backOffice: true }],
]);

const FEES = rows('fee', [
  [
    'late_payment',
    zh('逾期滞纳金', 'Late payment fee'),
    {
      amount: 10,
      currency: 'CNY',
      when: zh('账单逾期每满一个月', 'For each full month a bill is overdue'),
    },
  ],
  [
    'reconnection',
    zh('复机费', 'Reconnection fee'),
    {
      amount: 20,
      currency: 'CNY',
      when: zh('欠费停机后恢复服务时', 'When service is restored after a suspension for arrears'),
    },
  ],
  [
    'early_termination',
    zh('提前解约违约金', 'Early termination fee'),
    {
      amount: 300,
      currency: 'CNY',
      when: zh('合约期内办理销户时', 'When the account is closed within the contract term'),
    },
  ],
  [
    'lost_ont',
    zh('光猫未归还赔偿', 'Unreturned ONT charge'),
    {
      amount: 180,
      currency: 'CNY',
      when: zh(
        '销户后 30 天内未归还光猫',
        'When the ONT is not returned within 30 days of closing',
      ),
    },
  ],
  [
    'missed_visit',
    zh('预约爽约费', 'Missed appointment fee'),
    {
      amount: 50,
      currency: 'CNY',
      when: zh('用户第二次未按预约在家', 'The second time nobody is home for a booked visit'),
    },
  ],
  [
    'no_fault_visit',
    zh('非网络故障上门费', 'No-fault visit fee'),
    {
      amount: 50,
      currency: 'CNY',
      when: zh(
        '上门确认为用户自有设备问题',
        "When the fault proves to be in the customer's own equipment",
      ),
    },
  ],
  [
    'paper_invoice',
    zh('纸质发票邮寄费', 'Paper invoice postage'),
    {
      amount: 10,
      currency: 'CNY',
      when: zh('每次邮寄纸质发票', 'Each time a paper invoice is posted'),
    },
  ],
]);

const POLICIES = rows('policy', [
  [
    'refund',
    zh('退费规定', 'Refunds'),
    {
      text: zh(
        '预存话费可在销户时退还余额，赠送金额不退。退费在核实身份后 7 个工作日内原路返回。',
        'Prepaid balance is refunded when the account closes; promotional credit is not. Refunds go back to the original payment method within 7 working days of verifying identity.',
      ),
    },
  ],
  [
    'installation_time',
    zh('装机时限', 'Installation times'),
    {
      text: zh(
        '城区新装宽带在受理后 48 小时内上门，郊区 72 小时内。超时可申请减免当月月租。',
        'New broadband in the city is installed within 48 hours of the order, in the suburbs within 72 hours. If late, the customer may claim that month’s fee back.',
      ),
    },
  ],
  [
    'repair_time',
    zh('故障修复时限', 'Repair times'),
    {
      text: zh(
        '普通故障 24 小时内修复，VIP 客户 12 小时内；大面积故障以公告为准，按中断天数补偿月租。',
        'Ordinary faults are repaired within 24 hours, for VIP customers within 12; for wide-area outages the notice applies and the monthly fee is credited per day of outage.',
      ),
    },
  ],
  [
    'contract_term',
    zh('合约期与违约', 'Contract term'),
    {
      text: zh(
        '优惠套餐合约期为 24 个月。合约期内降档或销户须支付违约金；搬家至无覆盖区域可免除。',
        'Discounted bundles run for 24 months. Downgrading or closing within the term incurs the early termination fee, waived when moving to an area without coverage.',
      ),
    },
  ],
  [
    'identity_check',
    zh('身份核验', 'Identity verification'),
    {
      text: zh(
        '变更套餐、过户、销户前须核验机主姓名、证件号后四位及服务密码。不得在电话中索取完整证件号。',
        'Before changing a plan, transferring or closing an account, verify the holder’s name, the last four digits of the ID number and the service PIN. Never ask for the full ID number over the phone.',
      ),
    },
  ],
  [
    'speed_guarantee',
    zh('网速保障', 'Speed guarantee'),
    {
      text: zh(
        '有线连接实测速率低于签约速率 80% 且经技术人员确认，可免费升级设备或按比例减免月租。',
        'If a wired speed test shows less than 80% of the contracted speed and a technician confirms it, the equipment is upgraded free or the fee reduced pro rata.',
      ),
    },
  ],
  [
    'relocation',
    zh('移机规定', 'Relocation'),
    {
      text: zh(
        '同城移机每年免费一次，之后按移机服务收费。新地址须在网络覆盖范围内。',
        'One relocation within the city is free each year; further moves are charged as the relocation service. The new address must be within coverage.',
      ),
    },
  ],
]);

const DEPARTMENTS = rows('department', [
  [
    'billing',
    zh('账务中心', 'Billing centre'),
    { phone: '+862083886001', hours: zh('每天 8:00–22:00', 'Daily 08:00–22:00') },
  ],
  [
    'technical',
    zh('技术支持中心', 'Technical support centre'),
    { phone: '+862083886002', hours: zh('7×24 小时', '24/7') },
  ],
  [
    'installations',
    zh('装机调度中心', 'Installation dispatch'),
    { phone: '+862083886003', hours: zh('周一至周六 8:30–18:00', 'Mon–Sat 08:30–18:00') },
  ],
  [
    'complaints',
    zh('投诉受理中心', 'Complaints centre'),
    { phone: '+862083886004', hours: zh('每天 9:00–21:00', 'Daily 09:00–21:00') },
  ],
  [
    'retention',
    zh('客户挽留部', 'Customer retention'),
    { phone: '+862083886005', hours: zh('周一至周五 9:00–18:00', 'Mon–Fri 09:00–18:00') },
  ],
  [
    'enterprise',
    zh('政企客户部', 'Business customers'),
    { phone: '+862083886006', hours: zh('周一至周五 8:30–17:30', 'Mon–Fri 08:30–17:30') },
  ],
  [
    'field_service',
    zh('外勤服务中心', 'Field service centre'),
    { phone: '+862083886007', hours: zh('每天 7:30–20:00', 'Daily 07:30–20:00') },
  ],
]);

const TEAMS = rows('team', [
  ['front_line', zh('一线坐席组', 'Front-line agents'), {}],
  ['back_office', zh('后台支撑组', 'Back office'), {}],
  ['field', zh('外勤装维组', 'Field technicians'), {}],
]);

// Labels of the shared code lists (src-shared/domain): the same words the console shows.
const DISPOSITION_LABELS: Record<(typeof DISPOSITIONS)[number], Bilingual> = {
  resolved: zh('已解决', 'Resolved'),
  information_given: zh('已告知信息', 'Information given'),
  work_order_created: zh('已创建工单', 'Work order created'),
  follow_up: zh('需跟进', 'Follow-up needed'),
  escalated: zh('已升级', 'Escalated'),
  wrong_number: zh('打错电话', 'Wrong number'),
  no_response: zh('无人应答', 'No response'),
};
const REASON_LABELS: Record<(typeof NOT_READY_REASONS)[number], Bilingual> = {
  break: zh('小休', 'Break'),
  lunch: zh('用餐', 'Lunch'),
  meeting: zh('会议', 'Meeting'),
  training: zh('培训', 'Training'),
  after_call_work: zh('话后工作', 'After-call work'),
};
const WORK_ORDER_TYPE_LABELS: Record<(typeof WORK_ORDER_TYPES)[number], Bilingual> = {
  complaint: zh('投诉', 'Complaint'),
  repair: zh('报修', 'Repair'),
  emergency_repair: zh('紧急抢修', 'Emergency repair'),
  service_request: zh('业务申请', 'Service request'),
  appointment: zh('预约上门', 'Appointment'),
  inquiry: zh('咨询', 'Enquiry'),
  suggestion: zh('建议', 'Suggestion'),
};

const codeRows = <K extends 'disposition' | 'reason_code' | 'work_order_type'>(
  kind: K,
  keys: readonly string[],
  labels: Record<string, Bilingual>,
) =>
  rows(
    kind,
    keys.map((key) => [key, labels[key]!, {}] as [string, Bilingual, ReferenceData[K]]),
  );

/** The demo tenants' reference data (the same catalogue for each tenant). */
export function referenceCatalog(): ReferenceSeedRow[] {
  return [
    ...QUEUES,
    ...TEAMS,
    ...codeRows('disposition', DISPOSITIONS, DISPOSITION_LABELS),
    ...codeRows('reason_code', NOT_READY_REASONS, REASON_LABELS),
    ...codeRows('work_order_type', WORK_ORDER_TYPES, WORK_ORDER_TYPE_LABELS),
    ...PRODUCT_ROWS,
    ...FEES,
    ...POLICIES,
    ...DEPARTMENTS,
  ];
}
