import type { WorkOrderType } from '../../src-shared/domain/work-order';
import {
  COMPLAINT_CATEGORIES,
  HAZARDS,
  SERVICES,
  SEVERITIES,
  SUGGESTION_AREAS,
} from '../../src-shared/domain/work-order-forms';

export type FieldSpec =
  | { name: string; kind: 'text' | 'textarea'; required: boolean }
  | { name: string; kind: 'choice'; options: readonly string[] }
  | { name: string; kind: 'flag' };

/** How each type's form is drawn; its zod schema (work-order-forms.ts) decides what is valid. */
export const WORK_ORDER_FIELDS: Record<WorkOrderType, readonly FieldSpec[]> = {
  complaint: [
    { name: 'category', kind: 'choice', options: COMPLAINT_CATEGORIES },
    { name: 'severity', kind: 'choice', options: SEVERITIES },
    { name: 'desiredOutcome', kind: 'textarea', required: false },
  ],
  repair: [
    { name: 'equipment', kind: 'text', required: true },
    { name: 'symptom', kind: 'textarea', required: true },
    { name: 'accessNotes', kind: 'text', required: false },
  ],
  emergency_repair: [
    { name: 'hazard', kind: 'choice', options: HAZARDS },
    { name: 'peopleAtRisk', kind: 'flag' },
    { name: 'symptom', kind: 'textarea', required: true },
  ],
  service_request: [
    { name: 'service', kind: 'choice', options: SERVICES },
    { name: 'accessNotes', kind: 'text', required: false },
  ],
  appointment: [
    { name: 'purpose', kind: 'text', required: true },
    { name: 'contactOnArrival', kind: 'flag' },
  ],
  inquiry: [
    { name: 'topic', kind: 'text', required: true },
    { name: 'answeredOnCall', kind: 'flag' },
  ],
  suggestion: [{ name: 'area', kind: 'choice', options: SUGGESTION_AREAS }],
};

/** Types whose form asks for a visit window (required for appointments). */
export const WINDOW_TYPES: readonly WorkOrderType[] = [
  'appointment',
  'repair',
  'emergency_repair',
  'service_request',
];
