// A customer's orders, newest first: what was bought and the total in its currency.
import type { Page } from '../../api/client';
import type { Order } from '../../api/types';
import { useApi } from '../../api/useResource';
import { formatDateTime, formatMoney, humanize } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';

export function Orders({ customerId }: { customerId: string }) {
  const orders = useApi<Page<Order>>(`/customers/${customerId}/orders?limit=50`);
  if (orders.loading) return <Loading what="orders" />;
  if (orders.error || !orders.data) return <ErrorNote error={orders.error} onRetry={orders.reload} />;
  if (orders.data.data.length === 0) return <Empty>No orders yet.</Empty>;
  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <DataTable columns={['Order', 'Placed', 'Status', 'Items', 'Total']} wrapClassName="table-scroll">
        {orders.data.data.map((order) => (
          <tr key={order.id}>
            <th scope="row">{order.external_id ?? order.id}</th>
            <td>{formatDateTime(order.placed_at)}</td>
            <td>{humanize(order.status)}</td>
            <td>{order.lines.map((l) => `${l.quantity} × ${l.description}`).join(', ')}</td>
            <td>
              {formatMoney(order.total, order.currency)}
              {order.refunded !== '0.00' && ` (refunded ${formatMoney(order.refunded, order.currency)})`}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
