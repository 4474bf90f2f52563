import i18n from './i18n';

/** Numbers, money and dates in the chosen UI language's conventions. */
const locale = () => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US');

export const fmtInt = (n: number) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
export const fmtNum = (n: number, digits = 2) =>
  new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(n);
export const fmtPct = (n: number, digits = 1) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits }).format(n);
// The demo shop and most imports are in USD; a store-wide currency setting does not exist yet.
export const fmtMoney = (n: number) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(n);
export const fmtDate = (iso: string | number) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(iso));
export const fmtDateTime = (iso: string | number) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
