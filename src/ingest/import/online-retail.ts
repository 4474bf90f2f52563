import type { Readable } from 'node:stream';
import type { ItemInput, JsonObject } from '../../core/types.js';
import type { CleanMessage } from '../segment/segment-message.js';

/**
 * The UCI Online Retail layout (Chen, Sain & Guo 2012; https://doi.org/10.24432/C5BW33):
 * one row per invoice line. Mapped to Osprey as items (StockCode), users (CustomerID, with Country) and one
 * `Order Completed` per invoice with its lines as `products[]` (`Order Refunded` for `C...` cancellations).
 */
export const ONLINE_RETAIL_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

/** Source of the built-in mapping: fixed, so re-importing the file is idempotent by messageId. */
export const ONLINE_RETAIL_SOURCE = 'import:online-retail';

export interface RetailLine {
  row: number;
  invoiceNo: string;
  stockCode: string;
  description: string;
  quantity: number;
  at: number;
  unitPrice: number;
  customerId: string | null;
  country: string;
}

export type LineCheck = { ok: true; line: RetailLine } | { ok: false; field: string; reason: string };

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
// The original XLSX export writes `12/1/2010 8:26` (month first).
const US_LIKE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const CUSTOMER = /^(\d+)(\.0+)?$/;

/** The file's times carry no zone; the shop is in the UK, so they are read as UTC (GMT/BST ignored). */
export function parseInvoiceDate(s: string): number | undefined {
  let m = ISO_LIKE.exec(s);
  if (m) return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  m = US_LIKE.exec(s);
  if (m) return utc(+m[3], +m[1], +m[2], +m[4], +m[5], +(m[6] ?? 0));
  return undefined;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  // Reject impossible dates (2011-02-30) that Date.UTC would silently roll over.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return t;
}

/** Validate one row; the rules for `A...` rows and negative quantities are the issue's. */
export function checkRetailRow(row: number, v: string[]): LineCheck {
  if (v.length !== ONLINE_RETAIL_COLUMNS.length) {
    return { ok: false, field: 'row', reason: `expected 8 columns, got ${v.length}` };
  }
  const invoiceNo = v[0].trim();
  const stockCode = v[1].trim();
  if (invoiceNo === '') return { ok: false, field: 'InvoiceNo', reason: 'missing' };
  if (invoiceNo[0] === 'A' || invoiceNo[0] === 'a') {
    return { ok: false, field: 'InvoiceNo', reason: 'adjust bad debt (A invoice) is not an order' };
  }
  if (stockCode === '') return { ok: false, field: 'StockCode', reason: 'missing' };
  const q = v[3].trim();
  if (!INTEGER.test(q)) return { ok: false, field: 'Quantity', reason: 'not an integer' };
  const quantity = Number(q);
  const cancellation = invoiceNo[0] === 'C' || invoiceNo[0] === 'c';
  if (quantity < 0 && !cancellation) {
    return { ok: false, field: 'Quantity', reason: 'negative quantity outside a cancellation (C) invoice' };
  }
  const at = parseInvoiceDate(v[4].trim());
  if (at === undefined) return { ok: false, field: 'InvoiceDate', reason: 'not a date' };
  const p = v[5].trim();
  if (!DECIMAL.test(p)) return { ok: false, field: 'UnitPrice', reason: 'not a number' };
  const unitPrice = Number(p);
  if (unitPrice < 0) return { ok: false, field: 'UnitPrice', reason: 'negative price' };
  const c = v[6].trim();
  let customerId: string | null = null;
  if (c !== '') {
    const m = CUSTOMER.exec(c);
    if (!m) return { ok: false, field: 'CustomerID', reason: 'not a customer number' };
    customerId = m[1];
  }
  return {
    ok: true,
    line: {
      row,
      invoiceNo,
      stockCode,
      description: v[2].trim(),
      quantity,
      at,
      unitPrice,
      customerId,
      country: v[7].trim(),
    },
  };
}

/**
 * First pass: rows per InvoiceNo. With these counts the second pass knows when it has seen an invoice's
 * last row, so split invoices (542806 comes in two blocks) become one event while memory stays bounded
 * by the number of invoices (25,900 keys), never by rows. A quote-aware line scan, not a CSV parse:
 * a record continues onto the next line only while an odd number of quotes is open (RFC 4180).
 */
export async function countRowsPerInvoice(text: Readable): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let carry = '';
  let inQuotes = false;
  let header = true;
  text.setEncoding('utf8');
  const onLine = (line: string) => {
    const continuing = inQuotes;
    for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) inQuotes = !inQuotes;
    if (continuing) return;
    if (line.trim() === '' && !inQuotes) return;
    if (header) {
      header = false;
      return;
    }
    const first = firstField(line);
    counts.set(first, (counts.get(first) ?? 0) + 1);
  };
  for await (const chunk of text as AsyncIterable<string>) {
    const s = carry + chunk;
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      onLine(s.charCodeAt(nl - 1) === 13 ? s.slice(start, nl - 1) : s.slice(start, nl));
      start = nl + 1;
    }
    carry = s.slice(start);
  }
  if (carry !== '') onLine(carry);
  return counts;
}

function firstField(line: string): string {
  const l = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (l[0] === '"') {
    const end = l.indexOf('",');
    return (end < 0 ? l.slice(1) : l.slice(1, end)).replace(/""/g, '"').trim();
  }
  const comma = l.indexOf(',');
  return (comma < 0 ? l : l.slice(0, comma)).trim();
}

interface OpenInvoice {
  lines: RetailLine[];
  /** rows still to come (accepted or rejected) before the invoice is complete */
  remaining: number;
}

/**
 * Second pass: collects the accepted lines of each invoice until its last row has been seen, then turns
 * it into one event. Only invoices with rows still to come are held (a handful at any time).
 */
export class InvoiceAssembler {
  private readonly open = new Map<string, OpenInvoice>();
  private readonly customers = new Set<string>();
  private readonly items = new Map<string, { item: ItemInput; titled: boolean; priced: boolean }>();

  constructor(private readonly counts: Map<string, number>) {}

  /** Count one row of `invoiceNo` (accepted `line` or a rejected row); returns the messages it completes. */
  add(
    invoiceNo: string,
    line: RetailLine | null,
    out: { messages: CleanMessage[]; items: ItemInput[] },
  ): void {
    let inv = this.open.get(invoiceNo);
    if (!inv) {
      // An invoice id the first pass did not see (the file changed under us) is its own one-row invoice.
      inv = { lines: [], remaining: this.counts.get(invoiceNo) ?? 1 };
      this.open.set(invoiceNo, inv);
    }
    if (line) {
      inv.lines.push(line);
      this.noteItem(line, out.items);
    }
    inv.remaining--;
    if (inv.remaining <= 0) {
      this.open.delete(invoiceNo);
      this.counts.delete(invoiceNo);
      if (inv.lines.length) this.emit(invoiceNo, inv.lines, out.messages);
    }
  }

  /** Invoices still open at end of file (only if the file changed between passes): emit what we have. */
  finish(out: { messages: CleanMessage[] }): void {
    for (const [no, inv] of this.open) if (inv.lines.length) this.emit(no, inv.lines, out.messages);
    this.open.clear();
  }

  get pending(): number {
    return this.open.size;
  }

  private noteItem(line: RetailLine, items: ItemInput[]): void {
    const known = this.items.get(line.stockCode);
    const titled = line.description !== '';
    const priced = line.unitPrice > 0;
    if (!known) {
      const item: ItemInput = {
        id: line.stockCode,
        title: titled ? line.description : line.stockCode,
        category: null,
        price: priced ? line.unitPrice : null,
      };
      this.items.set(line.stockCode, { item, titled, priced });
      items.push({ ...item });
      return;
    }
    // Upsert again only when a title or price missing so far becomes known (first known values win).
    const gainsTitle = titled && !known.titled;
    const gainsPrice = priced && !known.priced;
    if (!gainsTitle && !gainsPrice) return;
    if (gainsTitle) {
      known.item.title = line.description;
      known.titled = true;
    }
    if (gainsPrice) {
      known.item.price = line.unitPrice;
      known.priced = true;
    }
    items.push({ ...known.item });
  }

  private emit(invoiceNo: string, lines: RetailLine[], messages: CleanMessage[]): void {
    const refund = invoiceNo[0] === 'C' || invoiceNo[0] === 'c';
    let at = lines[0].at;
    for (const l of lines) if (l.at < at) at = l.at;
    const customerId = lines.find((l) => l.customerId !== null)?.customerId ?? null;
    const country = lines[0].country;
    if (customerId && !this.customers.has(customerId)) {
      this.customers.add(customerId);
      messages.push({
        type: 'identify',
        messageId: `online-retail:customer:${customerId}`,
        userId: customerId,
        anonymousId: null,
        previousId: null,
        groupId: null,
        name: null,
        properties: {},
        traits: country ? { country } : {},
        context: {},
        timestamp: at,
      });
    }
    let sum = 0;
    const products: JsonObject[] = lines.map((l) => {
      const quantity = refund ? -l.quantity : l.quantity;
      sum += quantity * l.unitPrice;
      return { product_id: l.stockCode, sku: l.stockCode, name: l.description, price: l.unitPrice, quantity };
    });
    const amount = Math.round(sum * 100) / 100;
    messages.push({
      type: 'track',
      messageId: `online-retail:${invoiceNo}`,
      userId: customerId,
      anonymousId: customerId ? null : `invoice:${invoiceNo}`,
      previousId: null,
      groupId: null,
      name: refund ? 'Order Refunded' : 'Order Completed',
      properties: refund
        ? { order_id: invoiceNo, total: amount, currency: 'GBP', products }
        : { order_id: invoiceNo, revenue: amount, total: amount, currency: 'GBP', products },
      traits: {},
      context: country ? { location: { country } } : {},
      timestamp: at,
    });
  }
}
