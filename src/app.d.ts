import type { Actor } from '$lib/server/auth/actor';
import type { DB } from '$lib/server/db';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			db: DB;
			actor: Actor | null;
			sessionId: string | null;
			/**
			 * Set by a public page's load when it can tell cheaply whether what it shows has
			 * changed: the page cache then renders it again only when `again()` differs from
			 * `value` (src/lib/server/page-cache.ts).
			 */
			pageFingerprint?: { value: string; again: () => string };
		}
	}
}

export {};
