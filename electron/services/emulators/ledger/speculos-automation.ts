/**
 * Speculos's automation rules (speculos/mcu/automation.py, resources/automation.schema): on each
 * text the screen shows, the first rule whose text, regexp (anchored at the start, like Python's
 * re.match), position and conditions match has its actions run: press or release a button
 * (1 left, 2 right), touch the screen, set a variable, or exit.
 */
import { type TextEvent } from './screens';

export class AutomationInvalid extends Error {}

type Action = ['button', number, boolean] | ['finger', number, number, boolean] | ['setbool', string, boolean] | ['exit'];

interface Rule {
  readonly text?: string;
  readonly regexp?: string;
  readonly x?: number;
  readonly y?: number;
  readonly conditions?: readonly [string, boolean][];
  readonly actions?: readonly Action[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function isAction(a: unknown): a is Action {
  if (!Array.isArray(a)) return false;
  switch (a[0]) {
    case 'button':
      return a.length === 3 && isInt(a[1]) && typeof a[2] === 'boolean';
    case 'finger':
      return a.length === 4 && isInt(a[1]) && isInt(a[2]) && typeof a[3] === 'boolean';
    case 'setbool':
      return a.length === 3 && typeof a[1] === 'string' && typeof a[2] === 'boolean';
    case 'exit':
      return a.length === 1;
    default:
      return false;
  }
}

function isRule(r: unknown): r is Rule {
  if (!isObject(r)) return false;
  if (Object.keys(r).some((k) => !['text', 'regexp', 'x', 'y', 'conditions', 'actions'].includes(k))) return false;
  if ('text' in r && typeof r.text !== 'string') return false;
  if ('regexp' in r && typeof r.regexp !== 'string') return false;
  if ('x' in r && !isInt(r.x)) return false;
  if ('y' in r && !isInt(r.y)) return false;
  if ('conditions' in r && !(Array.isArray(r.conditions) && r.conditions.every((c) => Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && typeof c[1] === 'boolean'))) return false;
  if ('actions' in r && !(Array.isArray(r.actions) && r.actions.every(isAction))) return false;
  return true;
}

export interface AutomationEffects {
  button(button: number, pressed: boolean): void;
  exit(): void;
}

export class Automation {
  private readonly rules: Rule[];
  private readonly variables = new Map<string, boolean>();

  /** Parses and checks a rules document; throws AutomationInvalid as Speculos answers "invalid document". */
  constructor(document: string) {
    let json: unknown;
    try {
      json = JSON.parse(document);
    } catch {
      throw new AutomationInvalid('not JSON');
    }
    if (!isObject(json) || Object.keys(json).some((k) => k !== 'version' && k !== 'rules') || json.version !== 1 || !Array.isArray(json.rules)) {
      throw new AutomationInvalid('not a rules document');
    }
    // Every rule is checked (the schema's tuple form checks only the first; a malformed later rule
    // would make Speculos fail when it applies it).
    if (!json.rules.every(isRule)) throw new AutomationInvalid('a rule does not follow the schema');
    for (const r of json.rules as Rule[]) {
      if (r.regexp !== undefined) {
        try {
          new RegExp(r.regexp);
        } catch {
          throw new AutomationInvalid('a regexp does not compile');
        }
      }
    }
    this.rules = json.rules as Rule[];
  }

  /** The actions of the first rule matching this text event (get_actions). */
  actionsFor(event: TextEvent): readonly Action[] {
    for (const rule of this.rules) {
      if (rule.text !== undefined && rule.text !== event.text) continue;
      if (rule.regexp !== undefined && !new RegExp(`^(?:${rule.regexp})`).test(event.text)) continue;
      if (rule.x !== undefined && rule.x !== event.x) continue;
      if (rule.y !== undefined && rule.y !== event.y) continue;
      if (rule.conditions && !rule.conditions.every(([k, v]) => (this.variables.get(k) ?? false) === v)) continue;
      if (!rule.actions) continue;
      return rule.actions;
    }
    return [];
  }

  apply(event: TextEvent, effects: AutomationEffects): void {
    for (const action of this.actionsFor(event)) {
      if (action[0] === 'button') effects.button(action[1], action[2]);
      else if (action[0] === 'setbool') this.variables.set(action[1], action[2]);
      else if (action[0] === 'exit') effects.exit();
      // 'finger': a Nano has no touch screen
    }
  }
}
