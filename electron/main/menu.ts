/** The application menu: the platform's usual roles, and nothing that loads remote content. */
import { Menu, app, dialog, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(options: { isDev: boolean }): Menu {
  const isMac = process.platform === 'darwin';
  const about = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: 'About C3 Vault',
      message: `C3 Vault ${app.getVersion()}`,
      detail:
        'A hardware-wallet companion for the C3 Alliance Commons. Every vault action is signed on your Ledger or Trezor; emulated devices are for tests and the Demo Commons only, never for real funds.',
    });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.isDev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About C3 Vault', click: about }] },
  ];
  return Menu.buildFromTemplate(template);
}
