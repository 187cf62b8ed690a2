/** Every output format of `mageup monitor`; apart from the renderers so the CLI lists them without loading them. */
export const MONITOR_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'junit', 'github'] as const;
export type MonitorFormat = (typeof MONITOR_FORMATS)[number];
