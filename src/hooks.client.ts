import { cookieMaxAge, cookieName, defineCustomClientStrategy, overwriteSetLocale } from '$lib/paraglide/runtime';
import { splitLocale } from '$lib/i18n/locale-url';

// The language in the address comes first, then the remembered one (cookie).
defineCustomClientStrategy('custom-url', {
	getLocale: () => splitLocale(window.location.pathname).locale ?? undefined,
	setLocale: () => {}
});

// Paraglide's runtime remembers the language by writing its cookie from the page (on start-up too),
// without SameSite. The language changes only by address here (the server then sets the cookie), so
// the page's write only repeats it: with the server's attributes. The cookie stays readable by scripts:
// on an address without a language the page reads it to render in the language the server used.
overwriteSetLocale((locale) => {
	document.cookie = `${cookieName}=${locale}; path=/; max-age=${cookieMaxAge}; samesite=lax`;
});
