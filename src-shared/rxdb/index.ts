export * from './common';
export * from './customers';
export * from './work-orders';
export * from './interactions';
export * from './reference';
export * from './collections';
