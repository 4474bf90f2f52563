// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import i18n from '../i18n';
import { ErrorState } from './states';

afterEach(cleanup);

describe('ErrorState', () => {
  it('shows a missing route as "not available yet", not as an error', async () => {
    await i18n.changeLanguage('en');
    render(<ErrorState error={new ApiError(404, 'no route GET /api/segments', true)} />);
    expect(screen.getByText('Not available yet')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows other errors with their message and a retry button', async () => {
    await i18n.changeLanguage('en');
    render(
      <ErrorState error={new ApiError(500, 'internal error (request abc)', false)} onRetry={() => {}} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('internal error (request abc)');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
