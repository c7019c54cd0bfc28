/**
 * What the proposal form asks the server while a worker types: similar proposals of
 * their enterprise (debounced, the latest answer wins) and a colleague's name.
 */
export interface SimilarProposal {
	id: number;
	serial: string | null;
	title: string;
	statusLabel: string;
	supports: number;
}

export function similarFinder(except: number | null, onresult: (rows: SimilarProposal[]) => void, wait = 350) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let asked = 0;
	return (text: string) => {
		clearTimeout(timer);
		timer = setTimeout(async () => {
			const mine = ++asked;
			const q = text.trim();
			if (q.length < 2) return onresult([]);
			try {
				const res = await fetch(`/api/proposals/similar?q=${encodeURIComponent(q.slice(0, 400))}${except ? `&except=${except}` : ''}`);
				if (res.ok && mine === asked) onresult((await res.json()).data);
			} catch {
				// offline or signed out: suggestions are a help, not a requirement
			}
		}, wait);
	};
}

export async function colleagueName(no: string): Promise<string | null> {
	try {
		const res = await fetch(`/api/proposals/colleague?no=${encodeURIComponent(no)}`);
		return res.ok ? ((await res.json()).data?.name ?? null) : null;
	} catch {
		return null;
	}
}
