/**
 * Sent once per document that is above `sdguard.maxFileSizeMB` and therefore not scanned: the
 * client shows the message with a way to the setting and to the CLI (which streams any size).
 */
export const TOO_LARGE_NOTIFICATION = 'sdguard/fileTooLarge';

export interface TooLargeParams {
  uri: string;
  sizeMB: number;
  limitMB: number;
  /** Localized, ready to show. */
  message: string;
}
