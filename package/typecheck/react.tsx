// The custom element in React 19 JSX: attributes, credential properties, a ref, and one
// `on<event>` prop per event. Compiled with @types/react by `cargo xtask test` (step `package`).
import { useEffect, useRef } from "react";
import init, { type WaldurBackupsElement } from "waldur-backups";

await init();
// React sets `token` as a property only on a defined element (else as an attribute).
await customElements.whenDefined("waldur-backups");

export function ProjectBackups({ token, project }: { token: string; project: string }) {
  const ref = useRef<WaldurBackupsElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element) element.onBackupDeleted = ({ name }) => console.info(`${name} will be deleted`);
  }, []);
  return (
    <waldur-backups
      ref={ref}
      id="backups"
      className="portal-backups"
      api-url="https://waldur.example.com"
      instance-uuid="546199138f217119cf639a0ceffbf349"
      project-uuid={project}
      tenant-uuid="0a8f6b0d7e1c4e6b9d3c2b1a09f8e7d6"
      customer-uuid="1b2c3d4e5f60718293a4b5c6d7e8f901"
      page-size={25}
      columns="name,state,created,actions"
      locale="en-GB"
      is-staff={false}
      instance-url="/instances/{uuid}"
      theme="auto"
      token={token}
      onbackup-updated={(e) => console.info(e.detail.backup.name)}
      onbackup-created={(e) => console.info(e.detail.backup.uuid)}
      onbackup-deleted={(e) => console.info(e.detail.uuid, e.detail.name)}
      onbackup-unlinked={(e) => console.info(e.detail.name)}
      onrestore-started={(e) => console.info(e.detail.instance.url)}
      oninstance-selected={(e) => console.info(e.detail.url)}
      onunauthorized={(e) => console.info(e.detail.message)}
      onerror={(e) => console.info(e.detail.status ?? "network", e.detail.message)}
    />
  );
}

export function SessionBackups() {
  return <waldur-backups api-url="/" credentials="include" getToken={undefined} bearer={undefined} />;
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error: not a theme */}
      <waldur-backups api-url="/" theme="blue" />
      {/* @ts-expect-error: a number where a string is required (the token) */}
      <waldur-backups api-url="/" token={42} />
      {/* @ts-expect-error: a wrong event detail field */}
      <waldur-backups api-url="/" onrestore-started={(e) => console.info(e.detail.uuid)} />
      {/* @ts-expect-error: React 19 would listen for "RestoreStarted": use onrestore-started */}
      <waldur-backups api-url="/" onRestoreStarted={() => undefined} />
    </>
  );
}
