/** Turns a step's expectation (static, predicted, or both) and the rules it names into one ResolvedExpectation. */
import type { Expectation, ResolvedAssertion, ResolvedExpectation, RuleDefinition } from '../model';
import { predictionModel, type Observation } from './prediction-models';

function ruleAssertions(names: readonly string[], rules: readonly RuleDefinition[]): ResolvedAssertion[] {
  return names.flatMap((name) => {
    const rule = rules.find((r) => r.id === name);
    // check-registry rejected undeclared rules at load.
    if (rule === undefined) return [];
    return rule.assert.map((a) => ({ ...a, check: rule.id, because: rule.because, ...(rule.whenStatus !== undefined ? { whenStatus: rule.whenStatus } : {}), ...(rule.severity !== undefined ? { severity: rule.severity } : {}) }));
  });
}

/**
 * @param from  the observation `expect.predict.from` names (the planner passes it); required when predicting
 */
export function resolveExpectation(expect: Expectation, rules: readonly RuleDefinition[], from?: Observation): { expect: ResolvedExpectation } | { unpredictable: string } {
  let base: ResolvedExpectation | undefined;
  let binds = false;
  if (expect.predict !== undefined) {
    const model = predictionModel(expect.predict.model);
    if (model === undefined || from === undefined) return { unpredictable: `no observation to predict from (${expect.predict.from ?? 'none'})` };
    const predicted = model.predict(expect.predict.part ?? '', from);
    if ('unpredictable' in predicted) return predicted;
    base = predicted.expect;
    binds = model.statusBinds === true;
  }
  // A model whose status is its point (answers-as-unknown) is not loosened by the statuses stated beside it.
  const stated: Expectation = binds ? (({ status: _status, alsoAccept: _also, warnOn: _warn, anyClientError: _any, ...rest }) => rest)(expect) : expect;
  const status = stated.status ?? base?.status;
  const because = expect.because ?? base?.because;
  if (status === undefined || because === undefined) return { unpredictable: 'the expectation names neither a status nor a model' };
  const inline = (expect.assert ?? []).map((a): ResolvedAssertion => ({ ...a, check: 'body-assertion', because: 'the scenario asserts it' }));
  const examples = expect.examples ?? base?.examples;
  // A bound status the row takes only as any 4xx (a path spelled otherwise: an edge's or a router's
  // refusal) passed at the step it is predicted from as no answer of the contract, its status and
  // body unjudged; the same status here is that answer again, judged alike (outside-contract.ts),
  // while the model's comparisons with it still tell a sender apart.
  const anyClientErrorOnly = binds && expect.anyClientError === true && status >= 400 && status < 500 && status !== expect.status && expect.alsoAccept?.includes(status) !== true;
  // Its status does not fail by itself then (judged as no answer of the contract), so the comparisons are all
  // that tells the sender apart: another code or other words, a warning where the unknown id's shape
  // may have earned a code of its own from the API, is an error at a refusal from outside it.
  // But for the answer's form (sameForm): a route refusing ids of another shape with its framework's
  // page answers the unknown id so however the path is spelt, so a form apart stays a warning.
  const predicted = anyClientErrorOnly ? (base?.assert ?? []).map(({ severity, errorWhen: _when, ...a }) => (a.sameForm !== undefined && severity !== undefined ? { ...a, severity } : a)) : (base?.assert ?? []);
  return {
    expect: {
      status,
      because,
      ...(stated.alsoAccept ? { alsoAccept: stated.alsoAccept } : {}),
      ...(stated.warnOn ? { warnOn: stated.warnOn } : {}),
      ...(stated.anyClientError === true ? { anyClientError: true } : {}),
      ...(base?.routerAnswer === true || anyClientErrorOnly ? { routerAnswer: true } : {}),
      ...(base?.sameChallenge !== undefined ? { sameChallenge: base.sameChallenge } : {}),
      ...(stated.redirectToSame === true ? { redirectToSame: true } : {}),
      ...(examples ? { examples } : {}),
      // The model's list only: a scenario's own names what it set up, not what a read before allows.
      ...(expect.examples === undefined && base?.examplesFromState === true ? { examplesFromState: true as const } : {}),
      assert: [...ruleAssertions(expect.rules ?? [], rules), ...inline, ...predicted],
    },
  };
}
