import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import jsQR from 'jsqr';
import type MockAdapter from 'axios-mock-adapter';

import { DEVICE_KEY } from '@/features/scanner/utils/storage';
import { ScanRoute } from '@/features/scanner/routes/scan';
import { setAccessToken } from '@/lib/auth-token';
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

vi.mock('jsqr', () => ({ default: vi.fn() }));

describe('ScanRoute camera', () => {
  let mock: MockAdapter;
  const stop = vi.fn();

  beforeEach(() => {
    mock = mockApi();
    mock.onGet('/events/').reply(200, paginated([makeEvent()]));
    mock.onPost('/attendance/validate/').reply(200, makeValidateResult());
    setAccessToken('acc');
    FakeWebSocket.install();

    const getUserMedia = vi.fn().mockResolvedValue({ getTracks: () => [{ stop }] });
    vi.stubGlobal(
      'navigator',
      Object.assign(Object.create(navigator) as Navigator, { mediaDevices: { getUserMedia } }),
    );
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
    vi.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(1280);
    vi.spyOn(HTMLVideoElement.prototype, 'videoHeight', 'get').mockReturnValue(720);
    const context = {
      drawImage: vi.fn(),
      getImageData: (_x: number, _y: number, w: number, h: number) => ({
        data: new Uint8ClampedArray(w * h * 4),
      }),
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      context as unknown as CanvasRenderingContext2D,
    );
    vi.mocked(jsQR).mockReturnValue({ data: 'QR1.cam' } as ReturnType<typeof jsQR>);
  });
  afterEach(() => {
    mock.restore();
    vi.unstubAllGlobals();
  });

  it('decodes camera frames and sends a code seen in many frames once', async () => {
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(<ScanRoute />, {
      auth: authValue(makeUser('organizer')),
      route: '/scan',
      path: '/scan',
    });
    await user.click(await screen.findByRole('button', { name: 'Start scanning' }));

    await waitFor(() => {
      expect(screen.getByTestId('scan-result')).toHaveAttribute('data-status', 'accepted');
    });
    // Downscaled to at most 640 px wide before decoding.
    expect(vi.mocked(jsQR)).toHaveBeenCalledWith(expect.any(Uint8ClampedArray), 640, 360, {
      inversionAttempts: 'dontInvert',
    });
    await waitFor(() => {
      expect(vi.mocked(jsQR).mock.calls.length).toBeGreaterThan(3);
    });
    const validations = mock.history.post.filter((r) => r.url === '/attendance/validate/');
    expect(validations).toHaveLength(1);
    expect(JSON.parse(validations[0]!.data as string)).toEqual({
      code: 'QR1.cam',
      event: 5,
      gate: 'Main',
      direction: 'in',
      device_id: localStorage.getItem(DEVICE_KEY),
    });

    unmount();
    expect(stop).toHaveBeenCalled();
  });
});
