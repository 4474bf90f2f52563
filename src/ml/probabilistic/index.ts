export {
  BgNbd,
  type BgNbdFitted,
  GammaGamma,
  type GammaGammaFitted,
  hyp2f1,
  logGamma,
  type RfmSummary,
} from './bg-nbd.js';
