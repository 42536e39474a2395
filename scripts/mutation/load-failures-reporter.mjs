/**
 * A vitest reporter for `npm run mutation` (vitest.mutation.config.ts). Stryker's vitest runner
 * scores a mutant from the tests it collected; a test file whose import or collection throws (a
 * mutant that breaks a module as it loads) collects no failed test, so the mutant would count as
 * survived although the suite fails. Such a file is given one failed test that carries its error.
 */
export default class LoadFailuresReporter {
  onInit(vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd() {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || hasFailedTest(file)) continue;
      file.tasks.push({
        type: 'test',
        id: `${file.id}_load`,
        name: 'loads without error',
        mode: 'run',
        file,
        suite: file,
        meta: {},
        result: { state: 'fail', errors: file.result.errors ?? [{ message: 'the test file failed' }] },
      });
    }
  }
}

function hasFailedTest(suite) {
  return suite.tasks.some((task) =>
    task.type === 'suite' ? hasFailedTest(task) : task.result?.state === 'fail',
  );
}
