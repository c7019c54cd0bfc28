import { defineCustomClientStrategy } from '$lib/paraglide/runtime';
import { splitLocale } from '$lib/i18n/locale-url';

// The language in the address comes first, then the remembered one (cookie).
defineCustomClientStrategy('custom-url', {
	getLocale: () => splitLocale(window.location.pathname).locale ?? undefined,
	setLocale: () => {}
});
