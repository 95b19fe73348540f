/** Exposed module NetflowTrafficPage: the console route /netflow-traffic. */
import { InConsole } from '../console/console-services';
import { NetflowTraffic } from './netflow-traffic';

export default function NetflowTrafficPage() {
  return (
    <InConsole>
      <NetflowTraffic />
    </InConsole>
  );
}
