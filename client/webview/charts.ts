// Chart.js, registered with just the pieces the page uses (esbuild drops the rest).
import { BarController, BarElement, BubbleController, CategoryScale, Chart, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, BubbleController, CategoryScale, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip);

export { Chart };
