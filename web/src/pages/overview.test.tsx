// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import Overview from './overview';

const EMPTY_STATS = {
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-10-30T23:59:59.999Z',
  users: 0,
  events: 0,
  eventsByDay: [],
  orders: 0,
  revenue: 0,
  averageOrderValue: 0,
  dau: 0,
  wau: 0,
  mau: 0,
  viewToPurchase: 0,
  topItems: [],
  topCategories: [],
};

function stubApi(stats: object) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url.startsWith('/api/ingest/rejections')
        ? { since: '', counts: [{ reason: 'missing userId', count: 3 }], rejections: [] }
        : stats;
      return new Response(JSON.stringify(body), { status: 200 });
    }),
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Overview', () => {
  it('a new store explains how to get data in, and still shows ingestion rejections', async () => {
    await i18n.changeLanguage('en');
    stubApi(EMPTY_STATS);
    render(<Overview />);
    expect(await screen.findByText('No data yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Get data in' })).toBeTruthy();
    expect(await screen.findByText('missing userId')).toBeTruthy();
  });

  it('formats figures for the chosen language', async () => {
    await i18n.changeLanguage('zh-CN');
    stubApi({ ...EMPTY_STATS, users: 12345, events: 99, orders: 7, revenue: 1234.5, viewToPurchase: 0.256 });
    render(<Overview />);
    expect(await screen.findByText('12,345')).toBeTruthy();
    expect(screen.getByText('US$1,234.50')).toBeTruthy();
    expect(screen.getByText('25.6%')).toBeTruthy();
    expect(screen.getByText('用户数')).toBeTruthy();
    await i18n.changeLanguage('en');
  });
});
