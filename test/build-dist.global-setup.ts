/** Before the slow tests, which run the built CLI exactly as a user does: dist/ is rebuilt when its sources changed. */
import { buildDist } from '../scripts/build-dist.mjs';

export default function setup(): void {
  buildDist({ ifStale: true });
}
