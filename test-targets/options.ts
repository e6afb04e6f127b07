/** The zod pieces target modules build their option schemas from. */
import { z } from 'zod';

export const httpUrl = z.string().url('a URL such as http://127.0.0.1:5000');
export const realTimeWindows = z.boolean().optional();
/** An emulator the user already runs, and whether it may be wiped first. */
export const existingInstance = { endpoint: httpUrl.optional(), reset: z.boolean().optional() };
export { z };
