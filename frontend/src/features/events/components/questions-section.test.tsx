import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type MockAdapter from 'axios-mock-adapter';

import { QuestionsSection } from '@/features/events/components/questions-section';
import type { Question } from '@/types/api';
import {
  apiError,
  authValue,
  makeEvent,
  makeTicketType,
  makeUser,
  mockApi,
  renderWithProviders,
} from '@/testing/test-utils';

const event = makeEvent({
  id: 31,
  ticket_types: [
    makeTicketType(1, { name: 'General admission', position: 0 }),
    makeTicketType(2, { name: 'VIP table', position: 1 }),
  ],
});

const DIET: Question = {
  id: 7,
  label: 'Dietary needs',
  kind: 'choice',
  options: ['None', 'Vegan'],
  required: true,
  per: 'ticket',
  ticket_types: [{ id: 2, name: 'VIP table' }],
  position: 0,
};

function renderSection() {
  return renderWithProviders(<QuestionsSection event={event} />, {
    auth: authValue(makeUser('organizer', { id: 99 })),
    route: '/organizer/events/31',
    path: '/organizer/events/:id',
  });
}

describe('QuestionsSection', () => {
  let mock: MockAdapter;
  beforeEach(() => {
    mock = mockApi();
  });
  afterEach(() => {
    mock.restore();
  });

  it('lists the questions with kind, scope, whether required and the types asked', async () => {
    mock.onGet('/events/31/questions/').reply(200, [DIET]);
    renderSection();
    const row = await screen.findByTestId('question-row');
    expect(within(row).getByText('Dietary needs')).toBeInTheDocument();
    expect(
      within(row).getByText('One of the options · each ticket · required · only VIP table'),
    ).toBeInTheDocument();
    expect(within(row).getByText('Options: None, Vegan')).toBeInTheDocument();
  });

  it('adds a choice question limited to one type, asked once per booking', async () => {
    mock.onGet('/events/31/questions/').reply(200, []);
    mock.onPost('/events/31/questions/').reply(201, { ...DIET, id: 8 });
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add question' }));
    const form = screen.getByRole('form', { name: 'Add question' });
    // Options are only asked for kinds that have them.
    expect(within(form).queryByLabelText('Options')).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText(/^Question/), 'T-shirt size');
    await user.selectOptions(within(form).getByLabelText('Answer'), 'choice');
    await user.type(within(form).getByLabelText('Options'), 'S{enter}M{enter} {enter}L');
    await user.selectOptions(within(form).getByLabelText('Asked'), 'booking');
    await user.click(within(form).getByLabelText('Required'));
    await user.click(within(form).getByLabelText('VIP table'));
    await user.click(within(form).getByRole('button', { name: 'Add question' }));

    await vi.waitFor(() => {
      expect(mock.history.post).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.post[0]!.data as string)).toEqual({
      label: 'T-shirt size',
      kind: 'choice',
      options: ['S', 'M', 'L'],
      required: true,
      per: 'booking',
      ticket_types: [2],
      position: 0,
    });
  });

  it('shows the server’s field errors next to their input', async () => {
    mock.onGet('/events/31/questions/').reply(200, []);
    mock
      .onPost('/events/31/questions/')
      .reply(
        400,
        apiError('validation_error', 'Invalid input.', { options: ['Options must differ.'] }),
      );
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add question' }));
    const form = screen.getByRole('form', { name: 'Add question' });
    await user.type(within(form).getByLabelText(/^Question/), 'Size');
    await user.selectOptions(within(form).getByLabelText('Answer'), 'multiple');
    await user.type(within(form).getByLabelText('Options'), 'S{enter}S');
    await user.click(within(form).getByRole('button', { name: 'Add question' }));
    expect(await within(form).findByLabelText('Options')).toHaveAccessibleDescription(
      'Options must differ.',
    );
  });

  it('edits and deletes a question', async () => {
    mock.onGet('/events/31/questions/').reply(200, [DIET]);
    mock.onPatch('/events/31/questions/7/').reply(200, { ...DIET, required: false });
    mock.onDelete('/events/31/questions/7/').reply(204);
    renderSection();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Dietary needs' }));
    const form = screen.getByRole('form', { name: 'Save question' });
    expect(within(form).getByLabelText('Options')).toHaveValue('None\nVegan');
    await user.click(within(form).getByLabelText('Required'));
    await user.click(within(form).getByRole('button', { name: 'Save question' }));
    await vi.waitFor(() => {
      expect(mock.history.patch).toHaveLength(1);
    });
    expect(JSON.parse(mock.history.patch[0]!.data as string)).toMatchObject({
      required: false,
      ticket_types: [2],
    });

    await user.click(await screen.findByRole('button', { name: 'Delete Dietary needs' }));
    await vi.waitFor(() => {
      expect(mock.history.delete).toHaveLength(1);
    });
  });
});
