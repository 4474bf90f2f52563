// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getKey } from '../api';
import i18n from '../i18n';
import { SignIn } from './sign-in';

const reply = (status: number, body: unknown) =>
  vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('SignIn', () => {
  it('says the key is wrong on 401 and keeps nothing', async () => {
    await i18n.changeLanguage('en');
    vi.stubGlobal('fetch', reply(401, { error: 'invalid API key' }));
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText('Admin API key'), { target: { value: 'osp_adm_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', i18n.t('signIn.wrongKey'));
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(getKey()).toBeNull();
  });

  it('keeps a good key in sessionStorage and sends it as a Bearer token', async () => {
    await i18n.changeLanguage('en');
    const fetch = reply(200, { keys: [] });
    vi.stubGlobal('fetch', fetch);
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    fireEvent.change(screen.getByLabelText('Admin API key'), { target: { value: ' osp_adm_good ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(getKey()).toBe('osp_adm_good');
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer osp_adm_good');
  });

  it('tells a write key apart from a wrong key, in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    vi.stubGlobal('fetch', reply(403, { error: 'admin key required' }));
    render(<SignIn onSignedIn={() => {}} />);
    fireEvent.change(screen.getByLabelText('管理员 API 密钥'), { target: { value: 'osp_wk_x' } });
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toBe('这是写入密钥；控制台需要管理员密钥。');
    await i18n.changeLanguage('en');
  });
});
