// Any address the dashboard does not know.
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <>
      <title>Not found · Iris Intake</title>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the home screen</Link>.
      </p>
    </>
  );
}
