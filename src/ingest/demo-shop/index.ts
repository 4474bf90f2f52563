export {
  type DemoItem,
  type DemoShop,
  type DemoShopOptions,
  type DemoTruth,
  generateDemoShop,
} from './demo-shop.js';
export type { SegmentMessage, SegmentMessageType } from './segment-message.js';
export { writeTruthJsonl } from './truth-writer.js';
