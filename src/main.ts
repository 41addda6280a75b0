/** Entry point: styles, Pinia, i18n, router, then mount once the first route has resolved. */
import { createApp } from 'vue';
import './styles/index.css';
import App from './App.vue';
import { installPinia } from './modules/pinia.ts';
import { installI18n } from './modules/i18n.ts';
import { createAppRouter } from './router.ts';

const app = createApp(App);
installPinia(app);
installI18n(app);
const router = createAppRouter();
app.use(router);
void router.isReady().then(() => app.mount('#app'));
