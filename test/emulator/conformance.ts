/**
 * The emulator typed against the real API (@types/google-apps-script), so that it cannot drift
 * from Apps Script unnoticed. The type check (`npm run typecheck`, the first step of `npm test`)
 * fails when an emulated class
 *   - has a public member that the real class does not have (a typo, an invented method), except
 *     the emulator's own inspectors listed per class below (the third argument: state the tests
 *     and the emulator's other classes read), `_`-prefixed internals and `toString`;
 *   - has a method that does not accept every argument list of the real method (each overload);
 *   - returns a primitive (string, number, boolean, void, arrays of them) that is not the real
 *     method's return type.
 * Methods returning other API objects are checked as those objects' own classes are.
 *
 * Parameters typed `any` in the typings (Range.setValues(values: any[][])) check nothing more than
 * the arity: the emulator's own runtime checks (values.ts) do the rest.
 *
 * Why not `class Range implements GoogleAppsScript.Spreadsheet.Range`: the real interfaces have
 * hundreds of members (Range alone ~200); implementing them all would mean stubs the add-on never
 * calls. The check below covers what we do implement, which is what the tests rely on.
 */
import type {
  Spreadsheet,
  Sheet,
  Range,
  Protection,
  DataValidation,
  DataValidationBuilder,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  BooleanCondition,
  User,
  EmbeddedChart,
  EmbeddedChartBuilder,
  ChartOptions,
  ContainerInfo,
} from './spreadsheet';
import type {
  Properties,
  Lock,
  Cache,
  Trigger,
  ClockTriggerBuilder,
  SpreadsheetTriggerBuilder,
  TriggerBuilder,
  ScriptAppService,
  SessionService,
  Blob,
  UtilitiesService,
  MailAppService,
  HtmlOutput,
  HtmlTemplate,
  HtmlServiceImpl,
  Menu,
  PromptResponse,
  UiImpl,
  LoggerImpl,
} from './services';
import type { SpreadsheetAppService } from './index';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFn = (...a: any[]) => any;

/** The argument lists of every overload (up to 4) of a function type. */
type OverloadArgs<T> = T extends { (...a: infer A1): any; (...a: infer A2): any; (...a: infer A3): any; (...a: infer A4): any }
  ? A1 | A2 | A3 | A4
  : T extends { (...a: infer A1): any; (...a: infer A2): any; (...a: infer A3): any }
    ? A1 | A2 | A3
    : T extends { (...a: infer A1): any; (...a: infer A2): any }
      ? A1 | A2
      : T extends (...a: infer A) => any
        ? A
        : never;

type Primitive = string | number | boolean | void | undefined | null;
type PrimitiveLike = Primitive | Primitive[] | Primitive[][];

/**
 * A real API type as the emulator spells it: API objects become the emulated classes, enums become
 * their names as strings (the emulator's enum values are their names), and the services the
 * emulator does not have (DocumentApp's Document, FormApp's Form) become `never`, which leaves
 * those overloads unchecked: the add-on only works on spreadsheets.
 */
type Emu<T, E = false> = T extends Date | GoogleAppsScript.Base.Date
  ? Date
  : T extends number
    ? E extends true
      ? string
      : number
    : T extends string | boolean | null | undefined | void
      ? T
      : T extends readonly (infer U)[]
        ? Emu<U, E>[]
        : T extends GoogleAppsScript.Spreadsheet.Spreadsheet
          ? Spreadsheet
          : T extends GoogleAppsScript.Spreadsheet.Sheet
            ? Sheet
            : T extends GoogleAppsScript.Spreadsheet.Range
              ? Range
              : T extends GoogleAppsScript.Spreadsheet.Protection
                ? Protection
                : T extends GoogleAppsScript.Spreadsheet.DataValidation
                  ? DataValidation
                  : T extends GoogleAppsScript.Spreadsheet.ConditionalFormatRule
                    ? ConditionalFormatRule
                    : T extends GoogleAppsScript.Spreadsheet.BooleanCondition
                      ? BooleanCondition
                      : T extends GoogleAppsScript.Spreadsheet.EmbeddedChart
                        ? EmbeddedChart
                        : T extends GoogleAppsScript.Base.User
                          ? User
                          : T extends GoogleAppsScript.Script.Trigger
                            ? Trigger
                            : T extends GoogleAppsScript.Base.Menu
                              ? Menu
                              : T extends GoogleAppsScript.HTML.HtmlOutput
                                ? HtmlOutput
                                : T extends GoogleAppsScript.Document.Document | GoogleAppsScript.Forms.Form
                                  ? never
                                  : T extends GoogleAppsScript.Base.Blob | GoogleAppsScript.Base.BlobSource
                                    ? Blob
                                    : T;

type EmuArgs<A, E> = A extends any[] ? { [I in keyof A]: Emu<A[I], E> } : never;

/** Each argument list of the real method is accepted by ours (one distributive check per overload). */
type AcceptsAll<Ours extends AnyFn, Args, E> = Args extends any[] ? (EmuArgs<Args, E> extends Parameters<Ours> ? true : { rejects: EmuArgs<Args, E> }) : never;

/**
 * Ours may also return null where the typings do not say so: the reference pages document null
 * for "not set" (DataValidation.getHelpText, Trigger.getTriggerSourceId, …) more often than the
 * typings carry it.
 */
type ReturnOk<Ours extends AnyFn, Real extends AnyFn, E> = [Emu<ReturnType<Real>, E>] extends [PrimitiveLike]
  ? [Exclude<ReturnType<Ours>, null>] extends [Emu<ReturnType<Real>, E>]
    ? true
    : { returns: ReturnType<Ours>; real: Emu<ReturnType<Real>, E> }
  : true;

type MemberOk<O, R, E> = O extends AnyFn
  ? R extends AnyFn
    ? AcceptsAll<O, OverloadArgs<R>, E> extends true
      ? ReturnOk<O, R, E>
      : AcceptsAll<O, OverloadArgs<R>, E>
    : { notAMethod: true }
  : true;

/**
 * For every public member of Ours: true, or a description of the mismatch. `Own`: the emulator's
 * own members (not in the API). `Enums`: members whose numbers are enum values — the typings
 * declare Apps Script's enums as ambient numeric enums, which TypeScript cannot tell from
 * `number`, while the emulator's enum values are their names (strings).
 */
type Conformance<Ours, Real, Own extends string = never, Enums extends string = never> = {
  [K in Exclude<keyof Ours, `_${string}` | 'toString' | Own>]: K extends keyof Real
    ? MemberOk<Ours[K], Real[K], K extends Enums ? true : false>
    : { notInTheRealApi: K };
};

/** Compiles only when every member conforms (the error names the member and why). */
type Check<C> = { [K in keyof C as C[K] extends true ? never : K]: C[K] };
type Assert<T extends Record<string, never>> = T;

export type Conforms = [
  Assert<Check<Conformance<Spreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet>>>,
  Assert<Check<Conformance<Sheet, GoogleAppsScript.Spreadsheet.Sheet>>>,
  Assert<Check<Conformance<Range, GoogleAppsScript.Spreadsheet.Range>>>,
  Assert<
    Check<
      Conformance<
        Protection,
        GoogleAppsScript.Spreadsheet.Protection,
        'type' | 'sheet' | 'editors' | 'description' | 'warningOnly' | 'domainEdit' | 'removed' | 'unprotected' | 'range' | 'allows',
        'getProtectionType'
      >
    >
  >,
  Assert<
    Check<
      Conformance<
        DataValidation,
        GoogleAppsScript.Spreadsheet.DataValidation,
        'values' | 'allowInvalid' | 'criteria' | 'helpText' | 'accepts',
        'getCriteriaType'
      >
    >
  >,
  Assert<Check<Conformance<DataValidationBuilder, GoogleAppsScript.Spreadsheet.DataValidationBuilder, 'set', 'getCriteriaType'>>>,
  Assert<Check<Conformance<ConditionalFormatRule, GoogleAppsScript.Spreadsheet.ConditionalFormatRule, 'condition' | 'ranges'>>>,
  Assert<
    Check<
      Conformance<
        ConditionalFormatRuleBuilder,
        GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
        'values' | 'bold' | 'fontColor' | 'criteria' | 'ranges' | 'background'
      >
    >
  >,
  Assert<
    Check<
      Conformance<
        BooleanCondition,
        GoogleAppsScript.Spreadsheet.BooleanCondition,
        'values' | 'bold' | 'fontColor' | 'criteria' | 'background',
        'getCriteriaType'
      >
    >
  >,
  // the User check and the embedded charts' in one Assert (each line of these is one lint backlog warning; docs/lint.md)
  Assert<
    Check<Conformance<User, GoogleAppsScript.Base.User>> &
      Check<Conformance<EmbeddedChart, GoogleAppsScript.Spreadsheet.EmbeddedChart>> &
      Check<Conformance<EmbeddedChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, 'type' | 'ranges' | 'options' | 'numHeaders' | 'position'>> &
      Check<Conformance<ChartOptions, GoogleAppsScript.Charts.ChartOptions, 'values'>> &
      Check<Conformance<ContainerInfo, GoogleAppsScript.Spreadsheet.ContainerInfo, 'row' | 'column' | 'offsetX' | 'offsetY'>>
  >,
  Assert<Check<Conformance<SpreadsheetAppService, GoogleAppsScript.Spreadsheet.SpreadsheetApp>>>,
  Assert<Check<Conformance<Properties, GoogleAppsScript.Properties.Properties, 'data'>>>,
  Assert<Check<Conformance<Lock, GoogleAppsScript.Lock.Lock>>>,
  Assert<Check<Conformance<Cache, GoogleAppsScript.Cache.Cache, 'entries'>>>,
  Assert<
    Check<
      Conformance<
        Trigger,
        GoogleAppsScript.Script.Trigger,
        'source' | 'uid' | 'user' | 'schedule' | 'fired' | 'nextRunMs' | 'lastRunMs' | 'handler' | 'eventType' | 'sourceId' | 'createdMs',
        'getEventType' | 'getTriggerSource'
      >
    >
  >,
  Assert<Check<Conformance<ClockTriggerBuilder, GoogleAppsScript.Script.ClockTriggerBuilder>>>,
  Assert<Check<Conformance<SpreadsheetTriggerBuilder, GoogleAppsScript.Script.SpreadsheetTriggerBuilder>>>,
  Assert<Check<Conformance<TriggerBuilder, GoogleAppsScript.Script.TriggerBuilder>>>,
  Assert<Check<Conformance<ScriptAppService, GoogleAppsScript.Script.ScriptApp, never, 'getAuthorizationInfo'>>>,
  Assert<Check<Conformance<SessionService, GoogleAppsScript.Base.Session>>>,
  Assert<Check<Conformance<Blob, GoogleAppsScript.Base.Blob>>>,
  Assert<Check<Conformance<UtilitiesService, GoogleAppsScript.Utilities.Utilities>>>,
  Assert<Check<Conformance<MailAppService, GoogleAppsScript.Mail.MailApp>>>,
  Assert<Check<Conformance<HtmlOutput, GoogleAppsScript.HTML.HtmlOutput, 'title' | 'width' | 'height' | 'sandbox'>>>,
  Assert<Check<Conformance<HtmlTemplate, GoogleAppsScript.HTML.HtmlTemplate>>>,
  Assert<Check<Conformance<HtmlServiceImpl, GoogleAppsScript.HTML.HtmlService>>>,
  Assert<Check<Conformance<Menu, GoogleAppsScript.Base.Menu, 'record'>>>,
  Assert<Check<Conformance<PromptResponse, GoogleAppsScript.Base.PromptResponse, never, 'getSelectedButton'>>>,
  Assert<Check<Conformance<UiImpl, GoogleAppsScript.Base.Ui, never, 'alert' | 'prompt'>>>,
  Assert<Check<Conformance<LoggerImpl, GoogleAppsScript.Base.Logger>>>,
];

// The check can fail: each line below is a drift it must catch (the type check fails if it does not).
// @ts-expect-error a method the real Range does not have (a typo)
export type CatchesTypo = Assert<Check<Conformance<{ setValuez(v: unknown[][]): void }, GoogleAppsScript.Spreadsheet.Range>>>;
// @ts-expect-error a parameter that does not take what the real one does (Sheet.setName takes a string)
export type CatchesWrongParameter = Assert<Check<Conformance<{ setName(name: number): Sheet }, GoogleAppsScript.Spreadsheet.Sheet>>>;
/** A Sheet stand-in without getRange(a1Notation). */
type WithoutA1Overload = { getRange(row: number, column: number, numRows?: number, numColumns?: number): Range };
// @ts-expect-error an overload left out (getRange(a1Notation) besides getRange(row, column, …))
export type CatchesMissingOverload = Assert<Check<Conformance<WithoutA1Overload, GoogleAppsScript.Spreadsheet.Sheet>>>;
// @ts-expect-error a primitive return of the wrong type (getA1Notation returns a string)
export type CatchesWrongReturn = Assert<Check<Conformance<{ getA1Notation(): number }, GoogleAppsScript.Spreadsheet.Range>>>;
