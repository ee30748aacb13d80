// Jest orders suites by their last recorded duration, or by file size when it has none (a fresh
// clone, CI). The suites that run longest must start first either way, or the last of them runs
// alone while the other worker idles (lag.e2e.ts, small but two minutes long, came last: 75 s of
// one idle core). Within each group the default order stands.
import Sequencer from '@jest/test-sequencer';

const LONGEST_FIRST = [
  'test/transport/lag.e2e.ts', 'test/proof/faults.e2e.ts', 'test/deploy/start-script.e2e.ts',
  'test/proof/graceful-shutdown.e2e.ts', 'test/system/sessions-revocation.e2e.ts',
  'test/identity/push-delivery.e2e.ts',
  'test/identity/security-signin.e2e.ts', 'test/transport/cluster.e2e.ts',
];
const rank = (path) => {
  const i = LONGEST_FIRST.findIndex((suffix) => path.endsWith(suffix));
  return i === -1 ? LONGEST_FIRST.length : i;
};

export default class LongestFirst extends Sequencer {
  async sort(tests) {
    const ordered = await super.sort(tests);
    return ordered.map((t, i) => ({ t, i })).sort((a, b) => rank(a.t.path) - rank(b.t.path) || a.i - b.i).map(({ t }) => t);
  }
}
