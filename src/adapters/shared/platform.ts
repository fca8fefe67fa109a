/**
 * What a chat platform declares to be run by `npm start`: its entry in `PLATFORMS` (src/main.ts).
 * The entry is the only place the platform is listed: its variables are read and validated by
 * config.ts from `env`, its settings land in the configuration under `name`, and the composition
 * root (serve.ts) starts it, lists it in /healthz and labels its metrics, log lines, insights,
 * flood buckets and conversation keys with `name`.
 *
 * An entry must stay cheap to load: config.ts reads it for every command (`ask`, `report`...),
 * so `start` imports the adapter (and its platform library) only when the platform runs.
 */
import { z } from "zod";
import type { BaseConfig } from "../../config.js";
import type { AdapterContext, RunningAdapter } from "./running-adapter.js";

/** The parsed values of a platform's variables. */
export type EnvValues<Env extends z.ZodRawShape> = z.output<z.ZodObject<Env>>;

export interface PlatformDescriptor<
  Name extends string = string,
  Env extends z.ZodRawShape = z.ZodRawShape,
  Token extends keyof Env & string = keyof Env & string,
  Settings = unknown,
> {
  /** Lower case, stable: it labels metrics and stored insights, and prefixes conversation keys. */
  readonly name: Name;
  /**
   * Its environment variables, each a zod schema over the variable's string. A bad value stops the
   * start with "Invalid <VARIABLE>: <message>", never the value; so messages say what is expected.
   */
  readonly env: Env;
  /** The variable whose presence turns the platform on. */
  readonly token: Token;
  /** Variables whose values must never reach a log line (the token, webhook secrets). */
  readonly secrets: ReadonlyArray<keyof Env & string>;
  /** Variables meaningless without the token: set alone, they stop the start. */
  readonly needToken?: ReadonlyArray<keyof Env & string>;
  /** Its settings in the configuration (`config[name]`), made only when the token is set. */
  settings(values: EnvValues<Env> & { [K in Token]: string }): Settings;
  /** Whether this process runs it once configured; default: always. */
  runs?(config: BaseConfig): boolean;
  /**
   * Connects and resolves once updates arrive; throws a message without secrets when it cannot.
   * The adapter it returns is its /healthz entry (`connected()`) and stops on SIGINT/SIGTERM;
   * the adapter reports what operators count through `context.observer` (metrics).
   */
  start(settings: Settings, context: AdapterContext, config: BaseConfig): Promise<RunningAdapter>;
}

/** Any platform's entry, whatever its variables and settings. */
export type AnyPlatform = PlatformDescriptor<string, any, string, any>;

/** The settings a platform's entry makes. */
export type SettingsOf<P extends AnyPlatform> = ReturnType<P["settings"]>;

/** Checks an entry against the descriptor type and keeps its literal name and settings type. */
export const definePlatform = <const Name extends string, Env extends z.ZodRawShape, const Token extends keyof Env & string, Settings>(
  platform: PlatformDescriptor<Name, Env, Token, Settings>,
): PlatformDescriptor<Name, Env, Token, Settings> => platform;

/** An unset or blank variable is undefined. */
export const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** An optional value that, when set, must match `pattern`; the message says what was expected. */
export const optionalMatching = (pattern: RegExp, expected: string) =>
  optionalString.refine((value) => value === undefined || pattern.test(value), { message: `expected ${expected}` });

export const optionalUrl = (expected: string) => optionalMatching(/^https?:\/\/[^\s/]+(\/\S*)?$/, expected);
