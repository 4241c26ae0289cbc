// Everything made here belongs to this frame's realm: plain objects, arrays, functions,
// promises. The parent page hands them to the widget.
window.makeOptions = (apiUrl, token) => ({
  apiUrl,
  getToken: async () => `Token ${token}`,
  columns: ["name", "state", "created"],
  theme: "dark",
  onError: (detail) => { window.parent.__host.frameErrors.push(detail.message); },
});
window.makeUpdate = () => ({
  columns: ["name", "state"],
  theme: "light",
  onBackupUpdated: (detail) => { window.parent.__host.frameUpdates.push(detail.backup.name); },
});
window.makeGetter = (token) => () => Promise.resolve(`Token ${token}`);
window.realmCheck = (value) => value instanceof window.parent.Object;
