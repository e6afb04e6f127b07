/**
 * The order vitest starts test files in: its own (failed first, then longest first, by its cache or, on a fresh
 * clone, by file size), except that the emulator matrix starts first. The matrix is the longest file by far and
 * mostly waits real time, so the other slow files run beside it; started last (it is a small file), it would add
 * its eight minutes to the end of every fresh-clone run.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = 'test/targets/baselines.test.ts';

export default class MatrixFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = sorted.filter((f) => f.moduleId.endsWith(FIRST));
    return [...first, ...sorted.filter((f) => !first.includes(f))];
  }
}
