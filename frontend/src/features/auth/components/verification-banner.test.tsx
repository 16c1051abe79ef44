import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { VerificationBanner } from '@/features/auth/components/verification-banner';
import { authValue, makeUser, mockApi, renderWithProviders } from '@/testing/test-utils';

describe('VerificationBanner', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('asks an unverified user to confirm and sends the link again', async () => {
    mock.onPost('/auth/verify-email/resend/').reply(202);
    const user = makeUser('attendee', { email: 'ada@example.com', email_verified: false });
    renderWithProviders(<VerificationBanner />, { auth: authValue(user) });
    expect(screen.getByTestId('verification-banner')).toHaveTextContent('ada@example.com');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText('Sent again.')).toBeInTheDocument();
  });

  it('is not shown to verified users or visitors', () => {
    const { unmount } = renderWithProviders(<VerificationBanner />, {
      auth: authValue(makeUser('attendee', { email_verified: true })),
    });
    expect(screen.queryByTestId('verification-banner')).not.toBeInTheDocument();
    unmount();
    renderWithProviders(<VerificationBanner />);
    expect(screen.queryByTestId('verification-banner')).not.toBeInTheDocument();
  });
});
