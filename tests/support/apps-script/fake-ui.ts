/// <reference types="google-apps-script" />
/**
 * The fake Ui: records the menu, every alert, prompt and dialog, and answers prompts and
 * Yes/No questions from a script of answers the test queues. An unexpected prompt throws, so a
 * test never passes by a handler silently taking a default.
 */
import { type CallLog, counted } from './call-log';

type Ui = GoogleAppsScript.Base.Ui;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

const BUTTONS = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
const BUTTON_SETS = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;
type ButtonName = keyof typeof BUTTONS;

export interface RecordedMenu {
  readonly caption: string;
  readonly items: { label: string; functionName: string }[];
  added: boolean;
}
export interface RecordedAlert {
  readonly title: string;
  readonly prompt: string;
  readonly buttons: string;
}
export interface RecordedDialog {
  readonly title: string;
  readonly html: string;
  readonly modal: boolean;
}
export type Answer = { button: ButtonName; text?: string };

class FakeMenu implements Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addToUi'> {
  readonly proxy: GoogleAppsScript.Base.Menu;
  constructor(
    readonly menu: RecordedMenu,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Ui', 'Menu') as never;
  }
  addItem(caption: string, functionName: string) {
    this.menu.items.push({ label: caption, functionName });
    return this.proxy;
  }
  addToUi(): void {
    this.menu.added = true;
  }
}

export interface RecordedSidebar {
  readonly title: string;
  readonly html: string;
}

export class FakeUi
  implements
    Pick<
      Ui,
      'alert' | 'prompt' | 'createMenu' | 'showModalDialog' | 'showModelessDialog' | 'showSidebar'
    >
{
  readonly proxy: Ui;
  readonly Button = BUTTONS;
  readonly ButtonSet = BUTTON_SETS;
  readonly menus: RecordedMenu[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly prompts: RecordedAlert[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly sidebars: RecordedSidebar[] = [];
  private readonly answers: Answer[] = [];

  constructor(private readonly log: CallLog) {
    this.proxy = counted(this, log, 'Ui', 'Ui') as unknown as Ui;
  }

  /** Queues the answers to the next questions (Yes/No alerts and prompts), in order. */
  answer(...answers: (Answer | ButtonName | string)[]): void {
    for (const answer of answers) {
      if (typeof answer === 'object') this.answers.push(answer);
      else if (answer in BUTTONS) this.answers.push({ button: answer as ButtonName });
      else this.answers.push({ button: 'OK', text: answer });
    }
  }

  get pendingAnswers(): number {
    return this.answers.length;
  }

  createMenu(caption: string): GoogleAppsScript.Base.Menu {
    const menu: RecordedMenu = { caption, items: [], added: false };
    this.menus.push(menu);
    return new FakeMenu(menu, this.log).proxy;
  }

  alert(title: string, prompt?: string | ButtonSet, buttons?: ButtonSet): Button {
    const call = normalise(title, prompt, buttons);
    this.alerts.push(call);
    if (call.buttons === 'OK') return 'OK' as unknown as Button;
    return this.next(call).button as unknown as Button;
  }

  prompt(
    title: string,
    prompt?: string | ButtonSet,
    buttons?: ButtonSet,
  ): GoogleAppsScript.Base.PromptResponse {
    const call = normalise(title, prompt, buttons);
    this.prompts.push(call);
    const answer = this.next(call);
    return {
      getSelectedButton: () => answer.button as unknown as Button,
      getResponseText: () => answer.text ?? '',
    };
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.dialogs.push({ title, html: userInterface.getContent(), modal: true });
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.dialogs.push({ title, html: userInterface.getContent(), modal: false });
  }

  /** A sidebar takes its title from the HtmlOutput (setTitle), as in Apps Script. */
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.sidebars.push({ title: userInterface.getTitle(), html: userInterface.getContent() });
  }

  private next(call: RecordedAlert): Answer {
    const answer = this.answers.shift();
    if (!answer) throw new Error(`No answer queued for: ${call.title} / ${call.prompt}`);
    return answer;
  }
}

function normalise(
  title: string,
  prompt: string | ButtonSet | undefined,
  buttons: ButtonSet | undefined,
): RecordedAlert {
  if (typeof prompt === 'string') return { title, prompt, buttons: String(buttons ?? 'OK') };
  return { title: '', prompt: title, buttons: String(prompt ?? 'OK') };
}

class FakeHtmlOutput
  implements
    Pick<
      GoogleAppsScript.HTML.HtmlOutput,
      'setWidth' | 'setHeight' | 'getContent' | 'setTitle' | 'getTitle'
    >
{
  readonly proxy: GoogleAppsScript.HTML.HtmlOutput;
  width = 0;
  height = 0;
  title = '';
  constructor(
    private readonly content: string,
    log: CallLog,
  ) {
    this.proxy = counted(this, log, 'Html', 'HtmlOutput') as never;
  }
  setWidth(width: number) {
    this.width = width;
    return this.proxy;
  }
  setHeight(height: number) {
    this.height = height;
    return this.proxy;
  }
  getContent(): string {
    return this.content;
  }
  setTitle(title: string) {
    this.title = title;
    return this.proxy;
  }
  getTitle(): string {
    return this.title;
  }
}

export function fakeHtmlService(log: CallLog): GoogleAppsScript.HTML.HtmlService {
  const service: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput'> = {
    createHtmlOutput: (html?: unknown) => new FakeHtmlOutput(String(html ?? ''), log).proxy,
  };
  return counted(service, log, 'Html', 'HtmlService') as GoogleAppsScript.HTML.HtmlService;
}
