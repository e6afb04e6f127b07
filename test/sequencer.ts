/**
 * The order vitest starts test files in: its own (failed first, then longest first, by its cache or, on a fresh
 * clone, by file size), except that the emulator matrix starts first among the files of its project. The matrix is
 * the longest file by far and mostly waits real time, so the other slow files run beside it; started last (it is a
 * small file), it would add its eight minutes to the end of every fresh-clone run.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = 'test/targets/baselines.test.ts';

export default class MatrixFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const matrix = sorted.findIndex((f) => f.moduleId.endsWith(FIRST));
    if (matrix < 0) return sorted;
    // First of its own project (projects run in groups, the quick one before it).
    const [m] = sorted.splice(matrix, 1);
    const at = sorted.findIndex((f) => f.project.name === m!.project.name);
    sorted.splice(at < 0 ? sorted.length : at, 0, m!);
    return sorted;
  }
}
