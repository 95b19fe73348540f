/**
 * Exposed module NetflowTrafficTab: the "Network Traffic" tab of the resource pages listed in
 * console-extensions.json (tabKinds in resource-filters.ts), in the console's host services.
 */
import { InConsole } from '../console/console-services';
import { NetflowTrafficTabContent, NetflowTrafficTabProps } from './netflow-traffic-tab-content';

export default function NetflowTrafficTab(props: NetflowTrafficTabProps) {
  return (
    <InConsole>
      <NetflowTrafficTabContent {...props} />
    </InConsole>
  );
}
