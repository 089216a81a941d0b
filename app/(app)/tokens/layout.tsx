export { default } from "../admin-page-layout";
