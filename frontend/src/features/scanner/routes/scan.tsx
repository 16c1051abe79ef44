import { useEffect, useState } from 'react';

import { ScannerSetup, type ScannerSettings } from '@/features/scanner/components/scanner-setup';
import { ScanningView } from '@/features/scanner/components/scanning-view';
import { preloadDecoder } from '@/features/scanner/hooks/use-camera-scanner';
import { primeAudio } from '@/features/scanner/utils/feedback';
import { useDocumentTitle } from '@/lib/use-document-title';

/** /scan: the door scanner. Pick event and gate, then scan until the doors close. */
export function ScanRoute() {
  useDocumentTitle('Scan tickets');
  const [settings, setSettings] = useState<ScannerSettings | null>(null);
  useEffect(() => {
    preloadDecoder().catch(() => undefined);
  }, []);

  if (!settings) {
    return (
      <ScannerSetup
        onStart={(chosen) => {
          // Browsers allow sound only after a tap: this one unlocks the beeps.
          primeAudio();
          setSettings(chosen);
        }}
      />
    );
  }
  return (
    <ScanningView
      key={`${String(settings.event.id)}:${settings.gate}:${String(settings.list?.id ?? '')}`}
      event={settings.event}
      gate={settings.gate}
      list={settings.list}
      onChangeSettings={() => {
        setSettings(null);
      }}
    />
  );
}
