/**
 * A start predicted from a read of its sender that was itself refused: the status read answers a
 * sender without a WhatsApp Business Account, or not in coexistence mode, with its one 400 (its
 * examples no_waba and not_coexistence), and that refusal is the state the start is judged by.
 */
import type { Observation, Prediction } from './prediction-models';

/**
 * Read in the documented no_waba words, the sender has no WABA connected: a start is refused as
 * no_waba, or rate_limit (a limit of the project's, which the read cannot show, checked first: as
 * for an account read not active, the contract orders no two refusals). The other documented
 * reasons are a connected account's: its mode (not_coexistence: the status read's own 400 tells
 * "does not have a WABA connected" from "is not in coexistence mode", and this target just told
 * the first), its status (not_active) and its sync in flight (in_progress: a sync is only started
 * for an active coexistence account). Said word for word they are false reasons, and a client that
 * branches on them asks its user to switch a WABA they do not have to coexistence mode, or waits
 * for an activation or a sync that will never come (error-message-documented, an error).
 *
 * Read in other words (the not_coexistence example, or the target's own), which of its two reasons
 * the read gave is not told in no_waba's words: the start is refused all the same (a 202 fails),
 * either reason's example passes, another wording warns, and nothing is ruled out.
 */
export function predictFromRefusedRead(part: string, from: Observation): Prediction {
  const refused = `the status read just before refused the sender (400${from.example === undefined ? '' : ` ${from.example}`})`;
  if (from.example === 'no_waba') {
    return { expect: { status: 400, examples: ['no_waba', 'rate_limit'], examplesFromState: true, because: `${refused}: it has no WhatsApp Business Account connected, so the ${part} start is refused for that (or a limit the read cannot show), never for a connected account's mode, status or sync`, assert: [] } };
  }
  return { expect: { status: 400, examples: ['no_waba', 'not_coexistence'], because: `${refused}: a sender without a WhatsApp Business Account or not in coexistence mode, so the ${part} start is refused too`, assert: [] } };
}
