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
		}
	}
}

export {};
