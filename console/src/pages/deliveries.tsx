import { api, result } from '../api/client';
import { useData } from '../ui/data';
import { DeliveryLog } from '../ui/delivery-log';

/** The delivery log across every subscription of the subscriber. */
export function DeliveriesPage() {
  const subscriptions = useData(() => result(api.GET('/v1/subscriptions')), []);
  const names = Object.fromEntries((subscriptions.data?.items ?? []).map((s) => [s.id, s.name]));
  return (
    <section>
      <h1>Deliveries</h1>
      <p>
        Every alert sent to any of your subscriptions, newest first, with what was sent and what came back.
      </p>
      <DeliveryLog names={names} />
    </section>
  );
}
