import { createHash } from 'node:crypto';
import type { WorkOrderType } from '../../src-shared/domain/work-order';
import {
  COMPLAINT_CATEGORIES,
  HAZARDS,
  SERVICES,
  SEVERITIES,
  SUGGESTION_AREAS,
  type WorkOrderDetails,
} from '../../src-shared/domain/work-order-forms';
import { DemoRandom } from './random';

const EQUIPMENT = ['光猫', '路由器', '机顶盒', '智能电表', '燃气表', '热水器'];
const SYMPTOMS = ['指示灯红色闪烁', '无法开机', '间歇性断线', '显示屏无信号', '有异响', '漏水'];
const PURPOSES = ['上门安装', '故障复查', '设备更换', '现场勘查'];
const TOPICS = ['资费套餐', '账单明细', '停机保号', '发票开具', '服务网点'];

/**
 * The type's own fields of a demo work order, valid for its form (work-order-forms.ts), so a
 * demo order can be opened and corrected like one an agent created. Drawn from a stream of
 * the order's id, not the generator's: the rest of the demo data stays as it was.
 */
export function demoWorkOrderDetails(type: WorkOrderType, id: string): WorkOrderDetails {
  const rng = new DemoRandom(createHash('sha256').update(id).digest().readUInt32BE(0));
  switch (type) {
    case 'complaint':
      return { category: rng.pick(COMPLAINT_CATEGORIES), severity: rng.pick(SEVERITIES) };
    case 'repair':
      return { equipment: rng.pick(EQUIPMENT), symptom: rng.pick(SYMPTOMS) };
    case 'emergency_repair':
      return {
        hazard: rng.pick(HAZARDS),
        peopleAtRisk: rng.chance(0.3),
        symptom: rng.pick(SYMPTOMS),
      };
    case 'service_request':
      return { service: rng.pick(SERVICES) };
    case 'appointment':
      return { purpose: rng.pick(PURPOSES), contactOnArrival: rng.chance(0.5) };
    case 'inquiry':
      return { topic: rng.pick(TOPICS), answeredOnCall: rng.chance(0.7) };
    case 'suggestion':
      return { area: rng.pick(SUGGESTION_AREAS) };
  }
}
