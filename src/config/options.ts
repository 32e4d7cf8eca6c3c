/** The command-line settings that change how a config is read. */
export interface ParseOptions {
  /** `-i/--config-id`: selects `@id` lines; defaults to the host name up to the first dot. */
  readonly configId: string;
  /** `-e/--all-config`: a missing include (or main) file is fatal. */
  readonly allConfig: boolean;
  /** `-t`: keepalived reports some things differently in config-test mode. */
  readonly configTest: boolean;
}
