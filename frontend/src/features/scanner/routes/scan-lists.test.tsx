import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { ScanRoute } from '@/features/scanner/routes/scan';
import { setAccessToken } from '@/lib/auth-token';
import type { CheckinList, ValidateRequest } from '@/types/api';
import { FakeWebSocket } from '@/testing/fake-websocket';
import {
  authValue,
  makeEvent,
  makeUser,
  makeValidateResult,
  mockApi,
  paginated,
  renderWithProviders,
} from '@/testing/test-utils';

const EVENT = makeEvent({ id: 5, title: 'Night Jazz', tickets_sold: 10 });
const LISTS: CheckinList[] = [
  { id: 1, name: 'Entry', ticket_types: [], is_default: true, checked_in: 0 },
  {
    id: 2,
    name: 'VIP lounge',
    ticket_types: [{ id: 9, name: 'VIP table' }],
    is_default: false,
    checked_in: 0,
  },
];

function validateBodies(mock: MockAdapter): ValidateRequest[] {
  return mock.history.post
    .filter((request) => request.url === '/attendance/validate/')
    .map((request) => JSON.parse(request.data as string) as ValidateRequest);
}

describe('scanning on a check-in list', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/').reply(200, paginated([EVENT]));
    mock.onGet('/events/5/checkin-lists/').reply(200, LISTS);
    setAccessToken('acc');
    FakeWebSocket.install();
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  it('lets staff pick the VIP lounge, sends it, and says a general ticket is on the wrong list', async () => {
    mock.onPost('/attendance/validate/').reply(
      200,
      makeValidateResult({
        status: 'rejected',
        reason: 'wrong_list',
        checked_in_at: null,
        list: { id: 2, name: 'VIP lounge' },
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<ScanRoute />, {
      auth: authValue(makeUser('attendee')),
      route: '/scan',
      path: '/scan',
    });
    await user.selectOptions(await screen.findByLabelText('Check-in list'), 'VIP lounge');
    await user.click(screen.getByRole('button', { name: 'Start scanning' }));
    expect(await screen.findByTestId('scanning-list')).toHaveTextContent('List: VIP lounge');
    await user.type(screen.getByLabelText('Ticket code'), 'QR1.general{Enter}');
    const card = await screen.findByTestId('scan-result');
    await waitFor(() => {
      expect(card).toHaveAttribute('data-reason', 'wrong_list');
    });
    expect(card).toHaveTextContent('Wrong list');
    expect(card).toHaveTextContent("This ticket's type is not on the VIP lounge list.");
    expect(validateBodies(mock)[0]).toMatchObject({ code: 'QR1.general', list: 2 });
  });

  it('sends no list on Entry, so the server resolves it without a lookup', async () => {
    mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
    const user = userEvent.setup();
    renderWithProviders(<ScanRoute />, {
      auth: authValue(makeUser('attendee')),
      route: '/scan',
      path: '/scan',
    });
    await screen.findByLabelText('Check-in list');
    await user.click(screen.getByRole('button', { name: 'Start scanning' }));
    await user.type(await screen.findByLabelText('Ticket code'), 'QR1.entry{Enter}');
    await waitFor(() => {
      expect(screen.getByTestId('scan-result')).toHaveAttribute('data-status', 'accepted');
    });
    expect(validateBodies(mock)[0]).not.toHaveProperty('list');
  });
});
