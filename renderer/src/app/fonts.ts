/**
 * The app's own fonts, bundled by Vite from @fontsource and served by the app itself: the same
 * look on every machine, and no font is ever fetched from the network. Noto Sans covers Latin
 * (French accents included), Noto Sans Arabic the Arabic script; each face's unicode-range means
 * the browser loads only the files a page's text needs.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-sans-arabic/700.css';
