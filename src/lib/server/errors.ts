/**
 * Errors a service throws. Routes turn them into HTTP answers in one place
 * (see $lib/server/http.ts); none of them is ever a 500.
 */
export class NotSignedInError extends Error {
	constructor() {
		super('not signed in');
	}
}

export class ForbiddenError extends Error {
	/** `reason`: what to tell the person, when more can be said than "not allowed" */
	constructor(
		public readonly action: string,
		public readonly reason?: string
	) {
		super(`forbidden: ${action}`);
	}
}

export class NotFoundError extends Error {
	constructor(public readonly entity: string) {
		super(`not found: ${entity}`);
	}
}

/** Input that passed the schema but breaks a rule; `errors` maps field → message. */
export class RuleError extends Error {
	constructor(public readonly errors: Record<string, string>) {
		super(Object.values(errors).join('; '));
	}
}
