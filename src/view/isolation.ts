// Static hosts that cannot send COOP/COEP headers still get a cross-origin
// isolated page (and so multi-threaded training) through our service worker,
// which also keeps the site usable offline. One reload, once, when it first
// takes control; never a loop.
const RELOADED = 'darkvec-coi-reloaded';

export async function ensureIsolation(): Promise<'isolated' | 'reloading' | 'unavailable'> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return globalThis.crossOriginIsolated ? 'isolated' : 'unavailable';
  try {
    const registration = await navigator.serviceWorker.register(new URL('coi-serviceworker.js', document.baseURI), { scope: './' });
    if (globalThis.crossOriginIsolated) {
      sessionStorage.removeItem(RELOADED);
      return 'isolated';
    }
    if (sessionStorage.getItem(RELOADED)) return 'unavailable';
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
        if (registration.active) resolve();
      });
    }
    sessionStorage.setItem(RELOADED, '1');
    location.reload();
    return 'reloading';
  } catch (e) {
    console.warn('cross-origin isolation service worker unavailable:', e);
    return globalThis.crossOriginIsolated ? 'isolated' : 'unavailable';
  }
}
